package org.alloc4j.training.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import org.alloc4j.envs.EnvironmentPreset;
import org.alloc4j.envs.EnvironmentRegistry;
import picocli.CommandLine.Command;

/** {@code alloc4j envs}: lists the registered environments and their parameters. */
@Command(name = "envs", mixinStandardHelpOptions = true, description = "List the registered environments and their parameters.")
public final class EnvsCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        for (EnvironmentPreset p : EnvironmentRegistry.load().presets()) {
            System.out.println(p.id() + "  -  " + p.description());
            StringBuilder sb = new StringBuilder("    ");
            for (Map.Entry<String, String> e : p.defaults().entrySet()) {
                if (sb.length() > 90) {
                    System.out.println(sb);
                    sb = new StringBuilder("    ");
                }
                sb.append(e.getKey()).append('=').append(e.getValue()).append("  ");
            }
            System.out.println(sb);
        }
        return 0;
    }
}
