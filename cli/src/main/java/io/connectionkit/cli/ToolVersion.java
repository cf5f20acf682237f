package io.connectionkit.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code connections --version}: the version of the jar, as its manifest says. */
final class ToolVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = ConnectionsTool.class.getPackage().getImplementationVersion();
        return new String[] {"connections " + (version == null ? "(development build)" : version)};
    }
}
