package org.alloc4j.encoder;

/**
 * Engine settings every JVM that starts DJL must have (../shared/reference/djl.md): offline mode (no
 * network traffic at start-up, no download), telemetry opt-out, and one PyTorch thread by default (two
 * are slower on these machines). Values already set on the command line win.
 */
public final class EngineSettings {
    private EngineSettings() {
    }

    /** Sets the defaults; call before the first {@code Engine.getInstance()}. */
    public static void applyDefaults() {
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("OPT_OUT_TRACKING", "true");
        setIfAbsent("ai.djl.pytorch.num_threads", "1");
        setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
        setIfAbsent("ai.djl.pytorch.graph_optimizer", "false");
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        setIfAbsent("org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils", "error");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
