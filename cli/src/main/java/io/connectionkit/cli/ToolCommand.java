package io.connectionkit.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** A subcommand that works on the registry of the secrets and plugins given: opened for it, closed after. */
abstract class ToolCommand implements Callable<Integer> {

    @ParentCommand
    ConnectionsCommand tool;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() {
        try (ConnectionsCommand.Tool opened = tool.open(spec.root().commandLine().getParseResult())) {
            return run(opened);
        }
    }

    /** Does the work; returns the exit code. */
    abstract int run(ConnectionsCommand.Tool opened);

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
