package org.alloc4j.training.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkTest {

    @Test
    void benchWritesExactlyTheAgreedFieldsWithConsistentRatios(@TempDir Path dir) throws Exception {
        assertThat(org.alloc4j.training.cli.Main.run("bench", "--env", "cell-free-tiny-v1", "--batch", "20", "--repeats", "2",
                "--memory-calls", "20", "--warm-up-seconds", "0", "--out", dir.toString())).isZero();
        JsonObject b = JsonParser.parseString(Files.readString(dir.resolve("bench.json"))).getAsJsonObject();
        assertThat(new ArrayList<>(b.keySet())).containsExactly("env", "threads", "learned_ms_batch1",
                "learned_ms_per_instance_batch1000", "wmmse_ms_per_instance", "speedup_batch1", "speedup_batch1000",
                "train_instances_per_s", "peak_rss_mb");
        assertThat(b.get("env").getAsString()).isEqualTo("cell-free-tiny-v1");
        double wmmse = b.get("wmmse_ms_per_instance").getAsDouble();
        assertThat(b.get("speedup_batch1").getAsDouble()).isCloseTo(wmmse / b.get("learned_ms_batch1").getAsDouble(),
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(b.get("speedup_batch1000").getAsDouble()).isCloseTo(
                wmmse / b.get("learned_ms_per_instance_batch1000").getAsDouble(), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(b.get("train_instances_per_s").getAsDouble()).isPositive();
        assertThat(b.get("peak_rss_mb").getAsDouble()).isPositive();
        // two interleaved rounds: two passes of every method, the 200 batch-1 calls split between them
        JsonObject d = JsonParser.parseString(Files.readString(dir.resolve("bench-details.json"))).getAsJsonObject()
                .getAsJsonObject("details");
        assertThat(d.getAsJsonObject("learned_batch_ms_per_instance").get("runs").getAsInt()).isEqualTo(2);
        assertThat(d.getAsJsonObject("learned_batch1_ms").get("runs").getAsInt()).isEqualTo(200);
        assertThat(d.getAsJsonObject("baselines_ms_per_instance").getAsJsonObject("greedy+wmmse").get("runs").getAsInt()).isEqualTo(2);
        assertThat(d.get("inference_chunk").getAsInt()).isPositive();
        JsonObject perRound = d.getAsJsonObject("speedup_batch_per_round");
        assertThat(perRound.get("runs").getAsInt()).isEqualTo(2);
        assertThat(perRound.get("min").getAsDouble()).isPositive().isLessThanOrEqualTo(perRound.get("max").getAsDouble());
        assertThat(Files.readString(dir.resolve("bench-details.json"))).contains("paper_decoder_batch1_ms", "greedy+przf", "decode_on_device_ms_batch1", "beamform_ms_per_instance_batch20");
    }

    @Test
    void latencyStatisticsAreOrderStatistics() {
        LatencyStats s = LatencyStats.of(new double[] {5, 1, 3, 2, 4});
        assertThat(s.median()).isEqualTo(3.0);
        assertThat(s.min()).isEqualTo(1.0);
        assertThat(s.max()).isEqualTo(5.0);
        assertThat(s.p99()).isCloseTo(4.96, org.assertj.core.data.Offset.offset(1e-9));
    }
}
