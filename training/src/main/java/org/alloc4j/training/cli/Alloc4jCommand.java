package org.alloc4j.training.cli;

import org.alloc4j.envs.Alloc4j;
import picocli.CommandLine.Command;

/** The top-level {@code alloc4j} command. */
@Command(name = "alloc4j", mixinStandardHelpOptions = true, versionProvider = Alloc4jCommand.Version.class,
        description = "Learning mixed-discrete wireless resource allocation.",
        subcommands = {EnvsCommand.class, EvaluateCommand.class, TrainCommand.class, DemoCommand.class, BenchCommand.class})
public final class Alloc4jCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** Prints the library version. */
    public static final class Version implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"alloc4j " + Alloc4j.version()};
        }
    }
}
