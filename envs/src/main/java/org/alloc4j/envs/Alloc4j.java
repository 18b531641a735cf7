package org.alloc4j.envs;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Library-wide facts, such as the version saved with every run. */
public final class Alloc4j {
    private static final String VERSION = readVersion();

    private Alloc4j() {
    }

    /** The library version from the build, for provenance records. */
    public static String version() {
        return VERSION;
    }

    private static String readVersion() {
        try (InputStream in = Alloc4j.class.getResourceAsStream("/alloc4j-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
