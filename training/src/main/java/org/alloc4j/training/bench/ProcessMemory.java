package org.alloc4j.training.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory of this process from /proc (Linux); −1 elsewhere. */
public final class ProcessMemory {
    private ProcessMemory() {
    }

    /** Current resident set [MB]. */
    public static double residentMb() {
        return field("VmRSS:");
    }

    /** Peak resident set since start [MB]. */
    public static double peakMb() {
        return field("VmHWM:");
    }

    private static double field(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
