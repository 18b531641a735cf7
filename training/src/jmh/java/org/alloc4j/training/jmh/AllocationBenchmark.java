package org.alloc4j.training.jmh;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.alloc4j.baselines.Allocator;
import org.alloc4j.baselines.MethodCatalog;
import org.alloc4j.encoder.EngineSettings;
import org.alloc4j.envs.Environment;
import org.alloc4j.envs.EnvironmentRegistry;
import org.alloc4j.policy.LearnedMethods;
import org.alloc4j.policy.ModelConfig;
import org.alloc4j.policy.Policy;
import org.alloc4j.training.evaluate.TestSet;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One instance at a time, as {@code bench}'s batch-1 latency: {@code greedy+wmmse} against the learned
 * method with the environment's default continuous network (on the host snapshot where the policy has
 * one), of a checkpoint ({@link #policy}) or untrained with width {@link #width} (the time per instance
 * depends on the weights only through the number of decoding steps). 200 seeded instances at 20 dBm,
 * taken in turn.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Dai.djl.offline=true", "-DOPT_OUT_TRACKING=true",
        "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1"})
public class AllocationBenchmark {
    @Param({"cell-free-v1", "movable-antenna-v1"})
    String env;

    @Param({"greedy+wmmse", "learned"})
    String method;

    @Param({"16"})
    int width;

    /** A checkpoint of the environment {@link #env} ({@code -p policy=…}), or empty for an untrained policy. */
    @Param({""})
    String policy;

    private Policy<?> networks;
    private Allocator<Object> allocator;
    private List<Object> instances;
    private int next;

    @Setup
    @SuppressWarnings("unchecked")
    public void setUp() throws IOException {
        EngineSettings.applyDefaults();
        Environment<Object> e = (Environment<Object>) EnvironmentRegistry.load().create(env);
        instances = TestSet.atPower(e, TestSet.generate(e, 1, 200), 20);
        Policy<Object> p = policy.isEmpty() ? Policy.initialise(e, ModelConfig.defaults().withWidth(width), 1L)
                : Policy.load(e, Path.of(policy));
        networks = p;
        String name = method.equals("learned") ? "learned+" + p.networks().cvlnNames().get(0) : method;
        allocator = LearnedMethods.register(MethodCatalog.classical(e), p).create(name, MethodCatalog.Context.of(1));
    }

    @TearDown
    public void tearDown() {
        networks.close();
    }

    @Benchmark
    public Object allocateOne() {
        Object inst = instances.get(next);
        next = (next + 1) % instances.size();
        return allocator.allocateAll(List.of(inst));
    }
}
