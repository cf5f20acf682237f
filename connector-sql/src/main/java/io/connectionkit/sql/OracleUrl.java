package io.connectionkit.sql;

import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes apart Oracle's {@code jdbc:oracle:thin:user/password@database} (also {@code oci},
 * {@code oci8}, {@code kprb}), the password maybe in double quotes ({@code "pa@ss"}), moving user
 * and password into driver properties, the password without its quotes; and a secret-named
 * parameter of EZConnect's {@code ?key=value&...}. The database is {@code //host:port/service},
 * {@code host:port:sid}, a TNS alias or a {@code (DESCRIPTION=...)}.
 */
final class OracleUrl {

    /** EZConnect: {@code [protocol://][//]host[:port][/service][:server][/instance]}, or a TNS alias. */
    private static final Pattern EZCONNECT = Pattern.compile(
            "(?i)((tcps?|https?)://|//)?[A-Za-z0-9._-]+(:\\d{1,5})?([/:][A-Za-z0-9._$#-]+)*");

    private static final Pattern HOST = Pattern.compile("(?i)\\(\\s*HOST\\s*=\\s*([A-Za-z0-9._-]+)\\s*\\)");
    private static final Pattern PORT = Pattern.compile("(?i)\\(\\s*PORT\\s*=\\s*(\\d{1,5})\\s*\\)");
    private static final Pattern SERVICE = Pattern.compile(
            "(?i)\\(\\s*(?:SERVICE_NAME|SID)\\s*=\\s*([A-Za-z0-9._$#-]+)\\s*\\)");

    private OracleUrl() {
    }

    /** Reads {@code rest}, what follows {@code jdbc:oracle:} ({@code prefix}). */
    static JdbcUrl read(String prefix, String rest, UrlSecrets secrets) {
        int colon = rest.indexOf(':');
        if (colon <= 0) {
            throw unreadable();
        }
        String scheme = prefix + rest.substring(0, colon + 1); // jdbc:oracle:thin:
        String body = rest.substring(colon + 1);
        if (body.isEmpty()) {
            return JdbcUrl.of(scheme, scheme, scheme, secrets); // kprb: the session's own connection
        }
        int at = 0;
        if (!body.startsWith("@")) {
            at = credentials(body, secrets);
        }
        String database = body.substring(at + 1);
        int question = database.indexOf('?');
        String target = question < 0 ? database : database.substring(0, question);
        String kept = question < 0 ? "" : secrets.moveSecrets(database.substring(question + 1), '&',
                UnaryOperator.identity(), UnaryOperator.identity());
        String url = scheme + "@" + target + (kept.isEmpty() ? "" : "?" + kept);
        String where = where(target.strip());
        return JdbcUrl.of(url, where == null ? null : scheme + "@" + where, scheme, secrets);
    }

    /** Moves {@code user/password} before the {@code @} into {@code secrets}; returns the index of that {@code @}. */
    private static int credentials(String body, UrlSecrets secrets) {
        int i;
        String user;
        if (body.startsWith("\"")) {
            i = closingQuote(body, 0) + 1;
        } else {
            i = UrlText.indexOfAny(body, 0, "/@");
        }
        user = body.substring(0, i);
        String password = null;
        if (i < body.length() && body.charAt(i) == '/') {
            int start = i + 1;
            if (body.startsWith("\"", start)) {
                i = closingQuote(body, start) + 1;
            } else {
                // Unquoted, it ends at the last @ before a descriptor or parameters: an @ in it is taken as the user wrote it.
                int limit = UrlText.indexOfAny(body, start, "(?");
                i = body.lastIndexOf('@', limit - 1);
                if (i < start) {
                    throw unreadable();
                }
            }
            password = body.substring(start, i);
        }
        if (i >= body.length() || body.charAt(i) != '@') {
            throw unreadable();
        }
        if (!user.isEmpty()) {
            secrets.moveSetting("user", user);
        }
        if (password != null) {
            secrets.move("password", password, UrlText.unquoted(password));
        }
        return i;
    }

    private static int closingQuote(String text, int open) {
        int close = text.indexOf('"', open + 1);
        if (close < 0) {
            throw new SqlUrl.Invalid("has a \" that is never closed", "Close a quoted user or password with \"");
        }
        return close;
    }

    /** Where {@code target} leads, or {@code null} when it is not a form that can be shown. */
    private static String where(String target) {
        if (EZCONNECT.matcher(target).matches()) {
            return target;
        }
        if (target.startsWith("(")) {
            Matcher host = HOST.matcher(target);
            Matcher port = PORT.matcher(target);
            Matcher service = SERVICE.matcher(target);
            if (host.find()) {
                return "//" + host.group(1) + (port.find() ? ":" + port.group(1) : "")
                        + (service.find() ? "/" + service.group(1) : "");
            }
        }
        return null;
    }

    private static SqlUrl.Invalid unreadable() {
        return new SqlUrl.Invalid("is not an Oracle URL the sql connector can read",
                "Write jdbc:oracle:thin:@//host:1521/service, and give the user and password as username and password");
    }
}
