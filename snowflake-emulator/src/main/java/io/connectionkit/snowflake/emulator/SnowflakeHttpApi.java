package io.connectionkit.snowflake.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * The HTTP endpoints the Snowflake JDBC driver calls (login, queries, token renewal, abort,
 * heartbeat, telemetry, logout) and the emulator's own {@code /emulator/...} endpoints. Every
 * driver-facing answer is HTTP 200 with {@code success} true or false, as the service answers: the
 * driver retries a 5xx, so an error must never be one.
 */
final class SnowflakeHttpApi implements HttpHandler {
    private static final System.Logger LOG = System.getLogger(SnowflakeHttpApi.class.getName());

    private final ObjectMapper json = new ObjectMapper();
    private final SnowflakeEmulator emulator;
    private final Users users;
    private final Sessions sessions;
    private final Catalog catalog;
    private final StatementRunner runner;
    private final Faults faults;
    private final ScheduledExecutorService timer;
    private final RunningQueries running;

    /**
     * Recent answers by request id. The driver retries a request whose answer it lost with the same
     * id, and Snowflake answers it with the first execution's result instead of running it again.
     */
    private final Map<String, byte[]> answers = recent();

    /** Requests whose every answer is cut off, retries included. */
    private final Map<String, Boolean> dropped = recent();

    SnowflakeHttpApi(
            SnowflakeEmulator emulator,
            Users users,
            Sessions sessions,
            Catalog catalog,
            StatementRunner runner,
            Faults faults,
            RunningQueries running,
            ScheduledExecutorService timer) {
        this.emulator = emulator;
        this.users = users;
        this.sessions = sessions;
        this.catalog = catalog;
        this.runner = runner;
        this.faults = faults;
        this.running = running;
        this.timer = timer;
    }

    /** Thrown to have the server close the connection in the middle of an answer. */
    private static final class DroppedAnswer extends IOException {
        private static final long serialVersionUID = 1L;

        DroppedAnswer() {
            super("answer dropped on purpose", null);
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            route(exchange);
        } catch (DroppedAnswer dropped) {
            // The server closes a connection whose handler fails: that is the drop.
            throw dropped;
        } catch (RuntimeException | IOException | StackOverflowError e) { // H2 on deeply nested SQL
            // Names only the kind of failure: a message could repeat a request body with a
            // password.
            LOG.log(
                    System.Logger.Level.WARNING,
                    "Unexpected failure answering "
                            + exchange.getRequestURI().getPath()
                            + ": "
                            + e.getClass().getName());
            send(
                    exchange,
                    error(
                            new SnowflakeError(
                                    "000603",
                                    "XX000",
                                    "SQL execution internal error: "
                                            + e.getClass().getSimpleName()),
                            newQueryId()));
        } finally {
            exchange.close();
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        switch (path) {
            case "/session/v1/login-request" -> send(exchange, login(exchange));
            case "/session/token-request" -> send(exchange, renew(exchange));
            case "/session" -> send(exchange, logout(exchange));
            case "/session/heartbeat" -> send(exchange, heartbeat(exchange));
            case "/telemetry/send", "/telemetry/send/sessionless" -> {
                readBody(exchange);
                send(exchange, success(json.nullNode()));
            }
            case "/queries/v1/query-request" -> query(exchange);
            case "/queries/v1/abort-request" -> send(exchange, abort(exchange));
            default -> {
                if (path.startsWith("/emulator/")) {
                    admin(exchange, path.substring("/emulator/".length()));
                } else {
                    readBody(exchange);
                    send(
                            exchange,
                            error(
                                    new SnowflakeError(
                                            "000603",
                                            "XX000",
                                            "The Snowflake emulator does not serve " + path),
                                    newQueryId()));
                }
            }
        }
    }

    // ---- Sessions ----

    private ObjectNode login(HttpExchange exchange) throws IOException {
        JsonNode data = readBody(exchange).path("data");
        Map<String, String> query = queryParameters(exchange);
        String loginName = data.path("LOGIN_NAME").asText(null);
        String authenticator = data.path("AUTHENTICATOR").asText("SNOWFLAKE");
        try {
            String sentAccount = data.path("ACCOUNT_NAME").asText("");
            int dot = sentAccount.indexOf('.');
            String accountOnly = dot < 0 ? sentAccount : sentAccount.substring(0, dot);
            if ("SNOWFLAKE_JWT".equalsIgnoreCase(authenticator)) {
                if (!emulator.account().equalsIgnoreCase(accountOnly)) {
                    throw KeyPairToken.invalid();
                }
                users.checkJwt(loginName, data.path("TOKEN").asText(null), Instant.now());
            } else if ("SNOWFLAKE".equalsIgnoreCase(authenticator) || authenticator.isEmpty()) {
                if (!emulator.account().equalsIgnoreCase(accountOnly)) {
                    throw Users.incorrectUserOrPassword();
                }
                users.checkPassword(loginName, data.path("PASSWORD").asText(null));
            } else {
                throw new SnowflakeError(
                        "390100",
                        "08001",
                        "The Snowflake emulator supports password "
                                + "and key-pair (SNOWFLAKE_JWT) authentication only, not "
                                + authenticator
                                + ".");
            }
        } catch (SnowflakeError e) {
            return error(e, "");
        }

        Sessions.Tokens tokens =
                sessions.open(
                        Users.fold(loginName),
                        timeZone(data.path("SESSION_PARAMETERS").path("TIMEZONE").asText(null)));
        Session session = tokens.session();
        session.parameters().login(data.path("SESSION_PARAMETERS"));
        String database = identifier(query.get("databaseName"));
        if (database == null) {
            database = SnowflakeEmulator.DEFAULT_DATABASE;
        }
        Catalog.Database db = catalog.get(database);
        if (db != null) {
            String schema = identifier(query.get("schemaName"));
            if (schema == null) {
                schema = "PUBLIC";
            }
            session.lock().lock();
            try {
                boolean exists = StatementRunner.schemaExists(session.connection(db, null), schema);
                session.useDatabase(database, exists ? schema : null);
            } catch (java.sql.SQLException e) {
                session.useDatabase(database, null);
            } finally {
                session.lock().unlock();
            }
        }
        session.useWarehouse(identifier(query.get("warehouse")));
        String role = identifier(query.get("roleName"));
        session.useRole(role == null ? "PUBLIC" : role);
        if (!session.parameters().autoCommit()) {
            // A login that asks for AUTOCOMMIT = false gets it, as its answer says.
            session.lock().lock();
            try {
                session.autoCommit(false);
            } catch (java.sql.SQLException e) {
                return error(H2Errors.translate(e), "");
            } finally {
                session.lock().unlock();
            }
        }

        ObjectNode reply = json.createObjectNode();
        reply.put("token", tokens.sessionToken());
        reply.put("validityInSeconds", 3600);
        reply.put("masterToken", tokens.masterToken());
        reply.put("masterValidityInSeconds", 14400);
        reply.putNull("mfaToken");
        reply.put("mfaTokenValidityInSeconds", 0);
        reply.putNull("idToken");
        reply.put("idTokenValidityInSeconds", 0);
        reply.put("displayUserName", session.user());
        reply.put("serverVersion", SnowflakeEmulator.SERVER_VERSION);
        reply.put("firstLogin", false);
        reply.putNull("remMeToken");
        reply.put("remMeValidityInSeconds", 0);
        reply.put("healthCheckInterval", 45);
        reply.putNull("newClientForUpgrade");
        reply.put("sessionId", session.id());
        reply.set("parameters", loginParameters(session));
        ObjectNode info = reply.putObject("sessionInfo");
        info.put("databaseName", session.database());
        info.put("schemaName", session.schema());
        info.put("warehouseName", session.warehouse());
        info.put("roleName", session.role());
        return success(reply);
    }

    /**
     * What the driver reads at login: result format, time zone, binds kept in the request, and the
     * session's other parameters (Snowpark reads SNOWPARK_LAZY_ANALYSIS and QUERY_TAG here).
     */
    private ArrayNode loginParameters(Session session) {
        ArrayNode list = json.createArrayNode();
        session.parameters()
                .forLogin()
                .forEach(
                        (name, value) -> {
                            ObjectNode parameter = list.addObject();
                            parameter.put("name", name);
                            parameter.set("value", json.valueToTree(value));
                        });
        return list;
    }

    private ZoneId timeZone(String requested) {
        if (requested != null) {
            try {
                return ZoneId.of(requested);
            } catch (DateTimeException notAZone) {
                // The emulator's own zone, as for a session that asked for none.
            }
        }
        return emulator.timeZone();
    }

    private ObjectNode renew(HttpExchange exchange) throws IOException {
        JsonNode body = readBody(exchange);
        try {
            Sessions.Tokens tokens =
                    sessions.renew(
                            authorizationToken(exchange),
                            body.path("oldSessionToken").asText(null));
            ObjectNode data = json.createObjectNode();
            data.put("sessionToken", tokens.sessionToken());
            data.put("validityInSecondsST", 3600);
            data.put("masterToken", tokens.masterToken());
            data.put("validityInSecondsMT", 14400);
            data.put("sessionId", tokens.session().id());
            return success(data);
        } catch (SnowflakeError e) {
            return error(e, "");
        }
    }

    /**
     * The driver's keep-alive (CLIENT_SESSION_KEEP_ALIVE) and {@code Connection.isValid}: success
     * for a live session; an expired session token gets 390112, which the driver renews and
     * retries, as for a statement.
     */
    private ObjectNode heartbeat(HttpExchange exchange) throws IOException {
        readBody(exchange);
        try {
            sessions.bySessionToken(authorizationToken(exchange));
            return success(json.nullNode());
        } catch (SnowflakeError e) {
            return error(e, "");
        }
    }

    private ObjectNode logout(HttpExchange exchange) throws IOException {
        readBody(exchange);
        if ("true".equals(queryParameters(exchange).get("delete"))) {
            sessions.close(authorizationToken(exchange));
        }
        return success(json.nullNode());
    }

    // ---- Statements ----

    private void query(HttpExchange exchange) throws IOException {
        String queryId = newQueryId();
        Session session;
        JsonNode body = readBody(exchange);
        try {
            session = sessions.bySessionToken(authorizationToken(exchange));
        } catch (SnowflakeError e) {
            send(exchange, error(e, queryId));
            return;
        }
        String sql = body.path("sqlText").asText("");
        boolean describeOnly = body.path("describeOnly").asBoolean(false);
        String requestId = queryParameters(exchange).get("requestId");
        byte[] earlier = requestId == null ? null : remembered(answers, requestId);
        if (earlier != null) {
            if (!describeOnly) {
                emulator.received(
                        new ReceivedStatement(
                                sql,
                                Binds.parseQuietly(body.path("bindings")),
                                Long.toString(session.id())));
            }
            send(exchange, earlier, remembered(dropped, requestId) != null);
            return;
        }
        RunningQuery query = new RunningQuery(requestId, session.id(), queryId);
        running.started(query);
        ScheduledFuture<?> timeout = null;
        ObjectNode reply;
        boolean drop = false;
        try {
            Binds binds = Binds.parse(body.path("bindings"));
            if (!describeOnly) {
                // Faults are claimed before the statement shows in the log: a test that waits for
                // it there and then sends another statement knows which of the two has them.
                SnowflakeError failure = faults.nextFailure();
                Duration delay = failure == null ? faults.nextDelay() : null;
                emulator.received(
                        new ReceivedStatement(sql, binds.rows(), Long.toString(session.id())));
                if (failure != null) {
                    throw failure;
                }
                long seconds =
                        body.path("parameters").path("STATEMENT_TIMEOUT_IN_SECONDS").asLong(0);
                if (seconds > 0) {
                    timeout =
                            timer.schedule(() -> query.timeOut(seconds), seconds, TimeUnit.SECONDS);
                }
                if (delay != null) {
                    query.sleep(delay);
                }
            }
            Answer answer = runner.run(session, sql, binds, describeOnly, query);
            reply = success(answer, session, queryId);
            drop = !describeOnly && faults.nextAnswerDropped();
        } catch (SnowflakeError e) {
            reply = error(e, queryId);
        } finally {
            if (timeout != null) {
                timeout.cancel(false);
            }
            running.ended(query);
        }
        byte[] bytes = json.writeValueAsBytes(reply);
        if (requestId != null && bytes.length <= MAX_REMEMBERED_ANSWER) {
            remember(answers, requestId, bytes);
            if (drop) {
                remember(dropped, requestId, Boolean.TRUE);
            }
        }
        send(exchange, bytes, drop);
    }

    /** Sends an answer, or with {@code cut} half of it before the connection is closed. */
    private static void send(HttpExchange exchange, byte[] bytes, boolean cut) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        OutputStream out = exchange.getResponseBody();
        if (cut) {
            out.write(bytes, 0, bytes.length / 2);
            out.flush();
            throw new DroppedAnswer();
        }
        try (out) {
            out.write(bytes);
        }
    }

    /**
     * The largest answer kept for a retry of its request: a larger one (a big result) is run again
     * when the driver asks again, so that 1,000 kept answers stay within some 64 MB.
     */
    private static final int MAX_REMEMBERED_ANSWER = 64 * 1024;

    private static <V> Map<String, V> recent() {
        return new LinkedHashMap<>() {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > 1000;
            }
        };
    }

    private static <V> V remembered(Map<String, V> map, String requestId) {
        synchronized (map) {
            return map.get(requestId);
        }
    }

    private static <V> void remember(Map<String, V> map, String requestId, V value) {
        synchronized (map) {
            map.put(requestId, value);
        }
    }

    private ObjectNode abort(HttpExchange exchange) throws IOException {
        JsonNode body = readBody(exchange);
        running.abortRequest(body.path("requestId").asText(""));
        return success(json.nullNode());
    }

    private ObjectNode success(Answer answer, Session session, String queryId) {
        ObjectNode data = json.createObjectNode();
        data.putArray("parameters");
        ArrayNode rowtype = data.putArray("rowtype");
        for (ResultColumn column : answer.columns()) {
            ObjectNode type = rowtype.addObject();
            type.put("name", column.name());
            type.put("database", column.database());
            type.put("schema", column.schema());
            type.put("table", column.table());
            type.put("type", column.type().rowtypeName());
            type.put("nullable", column.nullable());
            type.put("precision", column.precision());
            type.put("scale", column.scale());
            type.put("length", column.length());
            type.put("byteLength", Math.min(16_777_216L, column.length() * 4));
            type.putNull("collation");
        }
        ArrayNode rowset = data.putArray("rowset");
        for (List<Object> row : answer.rows()) {
            ArrayNode values = rowset.addArray();
            for (int i = 0; i < row.size(); i++) {
                values.add(WireValues.encode(row.get(i), answer.columns().get(i).type()));
            }
        }
        data.put("total", answer.rows().size());
        data.put("returned", answer.rows().size());
        data.put("queryId", queryId);
        data.putNull("databaseProvider");
        data.put("finalDatabaseName", session.database());
        data.put("finalSchemaName", session.schema());
        data.put("finalWarehouseName", session.warehouse());
        data.put("finalRoleName", session.role());
        data.put("numberOfBinds", answer.numberOfBinds());
        data.put("arrayBindSupported", answer.arrayBindSupported());
        data.put("statementTypeId", answer.statementTypeId());
        data.put("version", 1);
        data.put("sendResultTime", System.currentTimeMillis());
        data.put("queryResultFormat", "json");
        return success(data);
    }

    private ObjectNode success(JsonNode data) {
        ObjectNode reply = json.createObjectNode();
        reply.set("data", data);
        reply.putNull("code");
        reply.putNull("message");
        reply.put("success", true);
        return reply;
    }

    private ObjectNode error(SnowflakeError e, String queryId) {
        ObjectNode reply = json.createObjectNode();
        if (e.sqlState() == null) {
            reply.putNull("data");
        } else {
            ObjectNode data = reply.putObject("data");
            data.put("internalError", false);
            data.put("errorCode", e.code());
            data.put("age", 0);
            data.put("sqlState", e.sqlState());
            data.put("queryId", queryId);
            data.put("line", -1);
            data.put("pos", -1);
            data.put("type", "COMPILATION");
        }
        reply.put("code", e.code());
        reply.put("message", e.getMessage());
        reply.put("success", false);
        reply.putNull("headers");
        return reply;
    }

    // ---- The emulator's own endpoints ----

    private void admin(HttpExchange exchange, String path) throws IOException {
        JsonNode body = readBody(exchange);
        String method = exchange.getRequestMethod();
        try {
            switch (method + " " + path) {
                case "POST faults/expire-session-tokens" -> faults.expireSessionTokens();
                case "POST faults/expire-master-tokens" -> faults.expireMasterTokens();
                case "POST faults/fail-next-queries" ->
                        faults.failNextQueries(
                                body.path("count").asInt(1),
                                required(body, "code"),
                                required(body, "sqlState"),
                                required(body, "message"));
                case "POST faults/delay-next-query" -> {
                    long millis =
                            body.has("millis")
                                    ? body.path("millis").asLong()
                                    : Math.round(body.path("seconds").asDouble(-1) * 1000);
                    if (millis < 0) {
                        throw new IllegalArgumentException("give the delay as millis or seconds");
                    }
                    faults.delayNextQuery(Duration.ofMillis(millis));
                }
                case "POST faults/drop-next-answer" -> faults.dropNextAnswer();
                case "POST faults/clear" -> faults.clear();
                case "GET statements" -> {
                    ObjectNode reply = json.createObjectNode();
                    reply.put("success", true);
                    ArrayNode list = reply.putArray("statements");
                    for (ReceivedStatement statement : emulator.statements()) {
                        ObjectNode entry = list.addObject();
                        entry.put("sql", statement.sql());
                        entry.put("bindRows", statement.bindRows());
                        entry.put("sessionId", statement.sessionId());
                    }
                    send(exchange, 200, reply);
                    return;
                }
                case "DELETE statements", "POST statements/clear" -> emulator.clearStatements();
                default -> {
                    ObjectNode reply = json.createObjectNode();
                    reply.put("success", false);
                    reply.put("message", "no such endpoint: " + method + " /emulator/" + path);
                    send(exchange, 404, reply);
                    return;
                }
            }
        } catch (IllegalArgumentException e) {
            ObjectNode reply = json.createObjectNode();
            reply.put("success", false);
            reply.put("message", e.getMessage());
            send(exchange, 400, reply);
            return;
        }
        ObjectNode reply = json.createObjectNode();
        reply.put("success", true);
        send(exchange, 200, reply);
    }

    private static String required(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("the body needs a string \"" + field + "\"");
        }
        return value.asText();
    }

    // ---- HTTP ----

    private JsonNode readBody(HttpExchange exchange) throws IOException {
        InputStream in = exchange.getRequestBody();
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        if (encoding != null && encoding.equalsIgnoreCase("gzip")) {
            in = new GZIPInputStream(in);
        }
        byte[] bytes = in.readAllBytes();
        if (bytes.length == 0) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(bytes);
        } catch (IOException notJson) {
            return json.createObjectNode();
        }
    }

    /** The token in {@code Authorization: Snowflake Token="..."}. */
    private static String authorizationToken(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null) {
            return null;
        }
        int start = header.indexOf("Token=\"");
        if (start < 0) {
            return null;
        }
        int end = header.indexOf('"', start + 7);
        return end < 0 ? null : header.substring(start + 7, end);
    }

    private static Map<String, String> queryParameters(HttpExchange exchange) {
        Map<String, String> parameters = new HashMap<>();
        String query = exchange.getRequestURI().getRawQuery();
        if (query == null) {
            return parameters;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            parameters.put(
                    URLDecoder.decode(name, StandardCharsets.UTF_8),
                    URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return parameters;
    }

    /** An identifier as Snowflake reads it: folded to upper case unless quoted. */
    static String identifier(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String trimmed = text.strip();
        if (trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")) {
            return trimmed.substring(1, trimmed.length() - 1).replace("\"\"", "\"");
        }
        return Users.fold(trimmed);
    }

    private void send(HttpExchange exchange, ObjectNode reply) throws IOException {
        send(exchange, 200, reply);
    }

    private void send(HttpExchange exchange, int status, ObjectNode reply) throws IOException {
        if (status == 200) {
            send(exchange, json.writeValueAsBytes(reply), false);
            return;
        }
        byte[] bytes = json.writeValueAsBytes(reply);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String newQueryId() {
        return UUID.randomUUID().toString();
    }
}
