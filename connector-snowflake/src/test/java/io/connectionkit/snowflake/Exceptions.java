package io.connectionkit.snowflake;

/** What a user sees of an exception: its messages, down the chain of causes. */
final class Exceptions {

    private Exceptions() {
    }

    static String fullText(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            text.append(t).append('\n');
        }
        return text.toString();
    }
}
