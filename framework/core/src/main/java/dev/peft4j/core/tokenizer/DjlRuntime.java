package dev.peft4j.core.tokenizer;

/**
 * Keeps DJL's tokenizer binding offline. Unless told otherwise, DJL calls home on first use (an EC2 metadata probe
 * and a request to S3) and may download a native library for a CUDA flavour it detects. peft4j runs without a
 * network: offline mode makes DJL take the CPU library bundled in the tokenizers jar
 * ({@code native/lib/linux-x86_64/cpu/libtokenizers.so}, extracted once to its cache folder, {@code ~/.djl.ai} unless
 * {@code DJL_CACHE_DIR} says otherwise) and skip the telemetry. A value the user set is left alone.
 */
final class DjlRuntime {

    private DjlRuntime() {
    }

    static synchronized void keepOffline() {
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("OPT_OUT_TRACKING", "true");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null && System.getenv(key) == null) {
            System.setProperty(key, value);
        }
    }
}
