package org.alloc4j.training.jmh;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.alloc4j.encoder.HostKernels;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The host graph layers' product, {@link HostKernels#addProductColumns}: acc (out arrays of rows) += W (out,
 * in)·x (in arrays of rows), with rows the edges of cell-free-v1 (48) or movable-antenna-v1 (324) and
 * in = out = d. Multiply-adds per call: rows·d²; GMAC/s = rows·d² / (µs per call) / 1 000.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class HostProductBenchmark {
    @Param({"48", "324"})
    int rows;

    @Param({"16", "64"})
    int width;

    private float[][] x;
    private float[][] w;
    private float[][] acc;

    @Setup
    public void setUp() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(1L);
        x = filled(rng, width, rows);
        w = filled(rng, width, width);
        acc = new float[width][rows];
    }

    private static float[][] filled(UniformRandomProvider rng, int count, int length) {
        float[][] out = new float[count][length];
        for (float[] a : out) {
            for (int i = 0; i < length; i++) {
                a[i] = (float) (2 * rng.nextDouble() - 1);
            }
        }
        return out;
    }

    @Benchmark
    public float[][] addProductColumns() {
        for (float[] a : acc) {
            Arrays.fill(a, 0f);
        }
        HostKernels.addProductColumns(x, rows, w, 0, acc);
        return acc;
    }
}
