package io.connectionkit.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The hosts of a URL's authority (what follows {@code //}, up to the path): {@code host:port}
 * entries separated by commas, each maybe after user info ({@code user:password@}), and, in
 * MySQL's and MariaDB's syntax, {@code [host1,host2]} lists and Connector/J's key-value hosts,
 * {@code (host=h,port=p,password=x)} and {@code address=(host=h)(port=p)(password=x)}. Reading
 * it moves user info and secret key-values into driver properties, and says where the hosts are.
 *
 * @param authority what stays in the URL
 * @param location  the hosts as {@code host:port}, comma-separated, or {@code null} when a host is
 *                  not a plain name that can be shown
 */
record HostList(String authority, String location) {

    /** A host name, IPv4 address or SQL Server {@code host\instance}, fit to show. */
    private static final Pattern PLAIN_HOST = Pattern.compile("[A-Za-z0-9._~%-]*(\\\\[A-Za-z0-9._$-]+)?");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9A-Fa-f:.%A-Za-z]+]");

    /**
     * Reads {@code authority}.
     *
     * @param keyValues whether MySQL's lists and key-value hosts are read
     * @param commas    whether commas separate hosts (not in SQL Server's URLs)
     * @param decode    how the driver decodes user info
     * @throws SqlUrl.Invalid for a port that is not a number, or a parenthesis never closed
     */
    static HostList read(String authority, boolean keyValues, boolean commas, UnaryOperator<String> decode,
                         UrlSecrets secrets) {
        List<String> kept = new ArrayList<>();
        List<String> shown = new ArrayList<>();
        boolean showable = true;
        for (String spec : commas ? split(authority, ',') : List.of(authority)) {
            String trimmed = spec.strip();
            if (keyValues && trimmed.regionMatches(true, 0, "address=", 0, 8)) {
                KeyValues host = KeyValues.read(trimmed.substring(8), true, secrets);
                kept.add(trimmed.substring(0, 8) + host.text());
                showable &= show(host.host(), host.port(), shown);
            } else if (keyValues && trimmed.startsWith("(")) {
                KeyValues host = KeyValues.read(trimmed, false, secrets);
                kept.add(host.text());
                showable &= show(host.host(), host.port(), shown);
            } else {
                int at = lastAtOutsideBrackets(spec);
                if (at >= 0) {
                    userInfo(spec.substring(0, at), decode, secrets);
                }
                String host = spec.substring(at + 1);
                if (keyValues && host.startsWith("[") && host.endsWith("]") && !IPV6.matcher(host).matches()) {
                    // Connector/J's [host1,host2]: the user info before it is every host's.
                    HostList inner = read(host.substring(1, host.length() - 1), true, true, decode, secrets);
                    kept.add("[" + inner.authority() + "]");
                    showable &= inner.location() != null && shown.add(inner.location());
                } else {
                    kept.add(host);
                    showable &= plainHost(host, shown);
                }
            }
        }
        return new HostList(String.join(",", kept), showable ? String.join(",", shown) : null);
    }

    private static void userInfo(String info, UnaryOperator<String> decode, UrlSecrets secrets) {
        int colon = info.indexOf(':');
        String user = colon < 0 ? info : info.substring(0, colon);
        if (!user.isEmpty()) {
            secrets.moveSetting("user", decode.apply(user));
        }
        if (colon >= 0) {
            String password = info.substring(colon + 1);
            secrets.move("password", password, decode.apply(password));
        }
    }

    /** {@code host}, {@code host:port} or {@code [v6]:port}, checked and added to {@code shown}; false if not fit to show. */
    private static boolean plainHost(String spec, List<String> shown) {
        String host = spec;
        String port = null;
        int close = spec.startsWith("[") ? spec.indexOf(']') : -1;
        int colon = spec.indexOf(':', Math.max(close, 0));
        if (colon >= 0) {
            host = spec.substring(0, colon);
            port = spec.substring(colon + 1);
        }
        return show(host, port, shown);
    }

    private static boolean show(String host, String port, List<String> shown) {
        if (port != null && !port.isEmpty() && !UrlText.isPort(port.strip())) {
            throw new SqlUrl.Invalid("has a port that is not a number from 1 to 65535",
                    "Write host:port, such as db.example.com:5432; give the password as password = \"...\", or write"
                            + " it in the user info (user:password@host) with any / ? # @ in it as %2F, %3F, %23, %40");
        }
        String name = host == null ? "" : host.strip();
        if (!(PLAIN_HOST.matcher(name).matches() || IPV6.matcher(name).matches())) {
            return false;
        }
        shown.add(port == null || port.isBlank() ? name : name + ":" + port.strip());
        return true;
    }

    /** The last {@code @} not inside brackets: user info ends there. */
    private static int lastAtOutsideBrackets(String spec) {
        int depth = 0;
        int at = -1;
        for (int i = 0; i < spec.length(); i++) {
            char c = spec.charAt(i);
            if (c == '[' || c == '(') {
                depth++;
            } else if ((c == ']' || c == ')') && depth > 0) {
                depth--;
            } else if (c == '@' && depth == 0) {
                at = i;
            }
        }
        return at;
    }

    /**
     * Where {@code hosts}, comma-separated {@code host}, {@code host:port} or {@code [v6]:port}
     * entries, lead; {@code null} when one is not a plain host, or its port not a number.
     */
    static String location(String hosts) {
        List<String> shown = new ArrayList<>();
        try {
            for (String host : split(hosts, ',')) {
                if (!plainHost(host, shown)) {
                    return null;
                }
            }
        } catch (SqlUrl.Invalid e) {
            return null;
        }
        return String.join(",", shown);
    }

    /** {@code text} split at {@code separator}s outside parentheses and brackets. */
    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(' || c == '[') {
                depth++;
            } else if ((c == ')' || c == ']') && depth > 0) {
                depth--;
            } else if (c == separator && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        if (depth > 0) {
            throw new SqlUrl.Invalid("has a ( or [ that is never closed", "Close each ( with ) and each [ with ]");
        }
        parts.add(text.substring(start));
        return parts;
    }

    /**
     * One key-value host of Connector/J, {@code (host=h,port=p)} or, after {@code address=},
     * {@code (host=h)(port=p)}, without its secret keys.
     */
    private record KeyValues(String text, String host, String port) {

        static KeyValues read(String text, boolean addressForm, UrlSecrets secrets) {
            List<String> pairs = new ArrayList<>();
            if (addressForm) {
                int i = 0;
                while (i < text.length()) {
                    int close = text.indexOf(')', i);
                    if (text.charAt(i) != '(' || close < 0) {
                        throw unreadable();
                    }
                    pairs.add(text.substring(i + 1, close));
                    i = close + 1;
                    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                        i++;
                    }
                }
            } else {
                if (!text.endsWith(")")) {
                    throw unreadable();
                }
                pairs.addAll(List.of(text.substring(1, text.length() - 1).split(",", -1)));
            }
            List<String> kept = new ArrayList<>();
            String host = null;
            String port = null;
            for (String pair : pairs) {
                int eq = pair.indexOf('=');
                String key = (eq < 0 ? pair : pair.substring(0, eq)).strip();
                String value = eq < 0 ? "" : pair.substring(eq + 1).strip();
                if (secrets.isSecret(key)) {
                    secrets.move(key, value, UrlText.decodeFormLeniently(value));
                    continue;
                }
                switch (key.toLowerCase(Locale.ROOT)) {
                    case "host" -> host = value;
                    case "port" -> port = value;
                    default -> {
                        // kept as written
                    }
                }
                kept.add(pair);
            }
            String rebuilt = addressForm ? kept.stream().map(p -> "(" + p + ")").reduce("", String::concat)
                    : "(" + String.join(",", kept) + ")";
            return new KeyValues(rebuilt, host, port);
        }

        private static SqlUrl.Invalid unreadable() {
            return new SqlUrl.Invalid("has a host the sql connector cannot read",
                    "Write each host as host:port, (host=h,port=p) or address=(host=h)(port=p)");
        }
    }
}
