package org.alloc4j.training.cli;

import org.alloc4j.encoder.EngineSettings;
import picocli.CommandLine;

/** Entry point of the {@code alloc4j} command line. */
public final class Main {
    static {
        EngineSettings.applyDefaults();
        System.setProperty("java.awt.headless", "true");
    }

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command and returns its exit code (for tests). */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Alloc4jCommand());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof IllegalArgumentException || ex instanceof IllegalStateException
                    || ex instanceof org.alloc4j.policy.ModelCheckpoint.CheckpointException) {
                commandLine.getErr().println(commandLine.getColorScheme().errorText("error: " + ex.getMessage()));
                return 2;
            }
            throw ex;
        });
        return cl.execute(args);
    }
}
