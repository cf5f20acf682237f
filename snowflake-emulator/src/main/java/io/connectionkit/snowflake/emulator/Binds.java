package io.connectionkit.snowflake.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The values bound to a statement's {@code ?}s, as the driver sends them: one value per bind, or
 * for a batch one array per bind with a value for each row.
 */
final class Binds {
    static final Binds NONE = new Binds(List.of(), List.of(), false, 0);

    private final List<String> types;
    private final List<List<String>> values;
    private final boolean array;
    private final int rows;

    private Binds(List<String> types, List<List<String>> values, boolean array, int rows) {
        this.types = types;
        this.values = values;
        this.array = array;
        this.rows = rows;
    }

    /** Reads {@code bindings}: {"1": {"type": "FIXED", "value": "42"}, ...}. */
    static Binds parse(JsonNode bindings) throws SnowflakeError {
        if (bindings == null
                || bindings.isNull()
                || bindings.isMissingNode()
                || bindings.isEmpty()) {
            return NONE;
        }
        Map<Integer, JsonNode> byPosition = new TreeMap<>();
        for (Map.Entry<String, JsonNode> entry : bindings.properties()) {
            try {
                byPosition.put(Integer.parseInt(entry.getKey()), entry.getValue());
            } catch (NumberFormatException e) {
                throw SnowflakeError.unsupported(
                        "The named bind :" + entry.getKey(), entry.getKey());
            }
        }
        List<String> types = new ArrayList<>();
        List<List<String>> values = new ArrayList<>();
        Boolean array = null;
        int rows = 1;
        int expected = 1;
        for (Map.Entry<Integer, JsonNode> entry : byPosition.entrySet()) {
            if (entry.getKey() != expected++) {
                throw new SnowflakeError(
                        "002049",
                        "22000",
                        "SQL compilation error: bind variable " + expected + " not set.");
            }
            JsonNode bind = entry.getValue();
            types.add(bind.path("type").asText("TEXT"));
            JsonNode value = bind.path("value");
            boolean isArray = value.isArray();
            if (array != null && array != isArray) {
                throw SnowflakeError.syntax("array and single binds mixed in one statement");
            }
            array = isArray;
            List<String> column = new ArrayList<>();
            if (isArray) {
                for (JsonNode element : value) {
                    column.add(element.isNull() ? null : element.asText());
                }
                if (values.isEmpty()) {
                    rows = column.size();
                } else if (rows != column.size()) {
                    throw SnowflakeError.syntax("array binds of different lengths");
                }
            } else {
                column.add(value.isNull() || value.isMissingNode() ? null : value.asText());
            }
            values.add(column);
        }
        return new Binds(types, values, Boolean.TRUE.equals(array), rows);
    }

    /** The rows {@code bindings} carry, or 0 when they cannot be read. */
    static int parseQuietly(JsonNode bindings) {
        try {
            return parse(bindings).rows();
        } catch (SnowflakeError e) {
            return 0;
        }
    }

    int count() {
        return types.size();
    }

    /** How many rows the binds carry: 0 without binds, 1 for single binds. */
    int rows() {
        return types.isEmpty() ? 0 : rows;
    }

    boolean array() {
        return array;
    }

    /** The Java value of bind {@code position} (from 1) in {@code row} (from 0). */
    Object value(int position, int row) throws SnowflakeError {
        return WireValues.decodeBind(types.get(position - 1), values.get(position - 1).get(row));
    }
}
