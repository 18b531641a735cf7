package org.alloc4j.training.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.alloc4j.training.evaluate.ResultRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateCommandTest {

    @Test
    void evaluatesATinyPresetEndToEndAndWritesEveryFile(@TempDir Path dir) throws Exception {
        int code = Main.run("evaluate", "--env", "cell-free-tiny-v1", "--instances", "8", "--power-dbm", "10,20",
                "--out", dir.toString(), "--export");
        assertThat(code).isZero();
        List<String> csv = Files.readAllLines(dir.resolve("results.csv"));
        assertThat(csv.get(0)).isEqualTo("method,env,power_dbm,instances,mean_sum_rate,ci95,ratio_to_greedy_wmmse,"
                + "feasible_rate,repaired_rate,mean_support_size,ms_per_instance,ratio_ci95").isEqualTo(ResultRow.CSV_HEADER);
        assertThat(csv).hasSize(1 + 2 * 5);
        double exhaustive20 = 0;
        double best20 = 0;
        for (String line : csv.subList(1, csv.size())) {
            String[] f = line.split(",");
            assertThat(f[1]).isEqualTo("cell-free-tiny-v1");
            assertThat(Double.parseDouble(f[7])).as("feasible_rate of " + line).isEqualTo(1.0);
            if (f[2].equals("20.0")) {
                double rate = Double.parseDouble(f[4]);
                if (f[0].equals("exhaustive+wmmse")) {
                    exhaustive20 = rate;
                } else {
                    best20 = Math.max(best20, rate);
                }
            }
        }
        assertThat(exhaustive20).isGreaterThanOrEqualTo(best20);
        JsonObject json = JsonParser.parseString(Files.readString(dir.resolve("results.json"))).getAsJsonObject();
        assertThat(json.getAsJsonObject("configuration").get("seed").getAsLong()).isEqualTo(1);
        assertThat(json.getAsJsonObject("configuration").get("library_version").getAsString()).isNotBlank();
        assertThat(json.getAsJsonArray("results")).hasSize(10);
        byte[] png = Files.readAllBytes(dir.resolve("sum-rate-vs-power.png"));
        assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        assertThat(dir.resolve("instances-20.npz")).exists();
        assertThat(dir.resolve("solutions-greedy+wmmse-20.npz")).exists();
    }

    @Test
    void refusesUnknownEnvironmentsAndMethodsWithAClearMessage(@TempDir Path dir) {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertThat(Main.run("evaluate", "--env", "cell-free-v9", "--out", dir.toString())).isEqualTo(2);
            assertThat(Main.run("evaluate", "--env", "cell-free-tiny-v1", "--methods", "greedy+magic", "--out",
                    dir.toString())).isEqualTo(2);
            assertThat(Main.run("evaluate", "--env", "cell-free-tiny-v1", "--instances", "0", "--out", dir.toString()))
                    .isEqualTo(2);
        } finally {
            System.setErr(old);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown environment id 'cell-free-v9'")
                .contains("unknown method 'greedy+magic'").contains("--instances = 0");
    }

    @Test
    void listsTheRegisteredEnvironments() {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertThat(Main.run("envs")).isZero();
        } finally {
            System.setOut(old);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("cell-free-tiny-v1", "movable-antenna-v1", "maxUsersPerAp=2");
    }
}
