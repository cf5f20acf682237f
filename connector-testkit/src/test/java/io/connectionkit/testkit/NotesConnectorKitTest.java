package io.connectionkit.testkit;

/** A connector that keeps the rules passes every check of the kit. */
class NotesConnectorKitTest implements ConnectorTestKit<NotesConnection> {

    /** Which rule the connector breaks; {@code none} for none. */
    String flaw() {
        return "none";
    }

    @Override
    public Class<NotesConnection> connectionClass() {
        return NotesConnection.class;
    }

    @Override
    public ConnectorConfig configuration(String secret) {
        return ConnectorConfig.toml("token = \"" + secret + "\"\nflaw = \"" + flaw() + "\"");
    }

    @Override
    public ConnectorConfig invalidConfiguration(String secret) {
        return ConnectorConfig.toml("tokne = \"" + secret + "\"");
    }

    @Override
    public String invalidConfigurationKey() {
        return "tokne";
    }

    @Override
    public boolean isReleased(Object client) {
        return ((NotesConnection.Client) client).closed;
    }

    @Override
    public String rowsQuery() {
        return "rows";
    }

    @Override
    public String parameterisedQuery() {
        return "value";
    }

    @Override
    public String freshQuery() {
        return "fresh";
    }

    @Override
    public String failingQuery() {
        return "fail";
    }
}
