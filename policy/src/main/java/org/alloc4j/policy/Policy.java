package org.alloc4j.policy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.alloc4j.decoder.DecodeResult;
import org.alloc4j.decoder.DecodingStrategy;
import org.alloc4j.decoder.Greedy;
import org.alloc4j.encoder.EngineSettings;
import org.alloc4j.encoder.Features;
import org.alloc4j.envs.Environment;
import org.alloc4j.envs.Solution;
import org.alloc4j.envs.Support;
import org.alloc4j.envs.math.ComplexArray;

/**
 * A set of networks with the native memory they live in: what {@code evaluate}, {@code bench} and the
 * trainer hold. Inference methods run in a sub-manager per call, so nothing accumulates across calls.
 * Not thread-safe; close it when done.
 *
 * @param <I> the instance type
 */
public final class Policy<I> implements AutoCloseable {
    /**
     * Inference splits batches into chunks whose per-edge arrays (rows, graph edges, d) hold about this
     * many elements (8 MiB of float32), so memory stays bounded and tensors stay in cache, while small
     * models still get batches large enough to amortise the per-call cost (BENCHMARKS.md: at one batch
     * of 1 000, movable-antenna-v1 and cell-free-large-v1 at d = 64 ran 3–4 times slower per instance than
     * in chunks of 128; cell-free-v1 at d = 16 ran about 12 % faster in chunks of 512–1 000 than of 128).
     */
    public static final long CHUNK_ELEMENTS = 1L << 21;
    /** At most this many rows per chunk, whatever the model's size. */
    public static final int MAX_CHUNK_ROWS = 1024;
    /**
     * Batches of at most this many instances may be decided by a {@link #hostSnapshot} (see
     * {@link HostSnapshot#faster}); above it the batched tensor path is faster (measured on cell-free-v1
     * with d = 64, ms per instance host / tensors: batch 1 11.8 / 23.7, batch 2 9.4 / 11.7, batch 4
     * 7.7 / 5.6, two trainings sharing the machine; a throwaway timing loop, not kept). Again with the
     * feature-major host layers (untrained d = 64, host / tensors): batch 4 5.46 / 5.94, batch 8 4.57 / 3.44 ms, so the
     * limit stays; smaller graphs of a family go there at any batch size ({@code CellFreeHostPath.ANY_BATCH_WORK},
     * {@code MovableAntennaHostPath.ANY_BATCH_WORK}).
     */
    public static final int HOST_BATCH_LIMIT = 2;
    private final NDManager manager;
    private final PolicyNetworks<I> networks;
    private int chunkOverride;

    private Policy(NDManager manager, PolicyNetworks<I> networks) {
        this.manager = manager;
        this.networks = networks;
    }

    /**
     * Fresh networks with parameters drawn from {@code seed} (DJL's engine RNG, which also drives any
     * later random op on the engine; alloc4j's own sampling uses Commons RNG).
     */
    public static <I> Policy<I> initialise(Environment<I> env, ModelConfig config, long seed) {
        EngineSettings.applyDefaults();
        Engine.getInstance().setRandomSeed((int) seed);
        NDManager m = NDManager.newBaseManager();
        PolicyNetworks<I> nets = PolicyNetworks.create(env, config);
        nets.initialize(m);
        return new Policy<>(m, nets);
    }

    /** Networks with the architecture and parameters of a checkpoint, for {@code env}. */
    public static <I> Policy<I> load(Environment<I> env, Path checkpoint) throws IOException {
        Map<String, byte[]> sections = ModelCheckpoint.readSections(checkpoint);
        ModelConfig config = ModelCheckpoint.modelConfig(ModelCheckpoint.header(sections));
        Policy<I> p = initialise(env, config, 0);
        try {
            ModelCheckpoint.loadInto(sections, p.networks, p.manager);
        } catch (IOException | RuntimeException e) {
            p.close();
            throw e;
        }
        return p;
    }

    public PolicyNetworks<I> networks() {
        return networks;
    }

    public NDManager manager() {
        return manager;
    }

    public Environment<I> environment() {
        return networks.environment();
    }

    /** Saves the model alone (no training state). */
    public void save(Path file) throws IOException {
        ModelCheckpoint.write(file, networks, null, Map.of());
    }

    /** Greedy support sets for instances of one size. */
    public List<Support> decode(List<I> instances) {
        return decode(instances, new Greedy());
    }

    /**
     * Support sets for instances of one size; with several rows per instance (best-of-S, beam) the
     * first row of each instance is returned unless the caller scores them (see {@link #decodeAll}).
     */
    public List<Support> decode(List<I> instances, DecodingStrategy strategy) {
        List<Support> all = decodeAll(instances, strategy);
        int rows = strategy.rowsPerInstance();
        List<Support> out = new ArrayList<>(instances.size());
        for (int i = 0; i < instances.size(); i++) {
            out.add(all.get(i * rows));
        }
        return out;
    }

    /**
     * For strategies with several rows per instance (best-of-S sampling, beam search): the row whose
     * support set gives the highest sum rate with the continuous network {@code cvln}.
     */
    public List<Support> decodeBest(List<I> instances, DecodingStrategy strategy, String cvln) {
        int rows = strategy.rowsPerInstance();
        List<Support> all = decodeAll(instances, strategy);
        List<I> repeated = new ArrayList<>(all.size());
        for (I inst : instances) {
            for (int r = 0; r < rows; r++) {
                repeated.add(inst);
            }
        }
        double[] rates = tensorSumRates(cvln, repeated, all);
        List<Support> out = new ArrayList<>(instances.size());
        for (int i = 0; i < instances.size(); i++) {
            int best = i * rows;
            for (int r = i * rows + 1; r < (i + 1) * rows; r++) {
                if (rates[r] > rates[best]) {
                    best = r;
                }
            }
            out.add(all.get(best));
        }
        return out;
    }

    /** Every row's support set, instance-major. */
    public List<Support> decodeAll(List<I> instances, DecodingStrategy strategy) {
        return inChunks(instances.size(), inferenceChunk(strategy.rowsPerInstance()),
                (from, to) -> decodeChunk(instances.subList(from, to), strategy));
    }

    /**
     * Instances per native batch at inference with {@code rowsPerInstance} rows each: the value of
     * {@link #setInferenceChunk} if set, else {@link #CHUNK_ELEMENTS} / (rows · graph edges · d), between 1
     * and {@link #MAX_CHUNK_ROWS} rows (cell-free-v1: 1 024 at d ≤ 32, 682 at d = 64; movable-antenna-v1
     * at d = 64: 101). Results do not depend on it beyond floating-point rounding.
     */
    public int inferenceChunk(int rowsPerInstance) {
        if (chunkOverride > 0) {
            return chunkOverride;
        }
        long rows = Math.min(MAX_CHUNK_ROWS, CHUNK_ELEMENTS / ((long) networks.graphEdges() * networks.config().width()));
        return (int) Math.max(1, rows / rowsPerInstance);
    }

    /**
     * Fixes the instances per native batch at inference (memory bound or experiments); 0 restores the
     * rule of {@link #inferenceChunk}.
     */
    public void setInferenceChunk(int instances) {
        if (instances < 0) {
            throw new IllegalArgumentException("inference chunk must be >= 0 (0: automatic), got " + instances);
        }
        chunkOverride = instances;
    }

    /** Concatenates {@code chunk(from, to)} over consecutive ranges of at most {@code size} instances. */
    private static <T> List<T> inChunks(int count, int size, java.util.function.BiFunction<Integer, Integer, List<T>> chunk) {
        List<T> out = new ArrayList<>(count);
        for (int from = 0; from < count; from += size) {
            out.addAll(chunk.apply(from, Math.min(count, from + size)));
        }
        return out;
    }

    private List<Support> decodeChunk(List<I> instances, DecodingStrategy strategy) {
        try (NDManager sub = manager.newSubManager()) {
            ParameterStore ps = new ParameterStore(sub, false);
            Features f = networks.featurize(sub, instances);
            return supportsOf(networks.decode(ps, f, instances, strategy, false));
        }
    }

    private static List<Support> supportsOf(DecodeResult r) {
        List<Support> out = new ArrayList<>(r.rows());
        for (int i = 0; i < r.rows(); i++) {
            out.add(r.support(i));
        }
        return out;
    }

    /**
     * Greedy support sets and the beamformers {@code cvln} gives them — {@link #decode} followed by
     * {@link #beamform}, with each chunk featurised once: what {@code learned+<cvln>} runs on batches
     * the host snapshot does not take.
     */
    public List<Solution> allocate(String cvln, List<I> instances) {
        return inChunks(instances.size(), inferenceChunk(1), (from, to) -> allocateChunk(cvln, instances.subList(from, to)));
    }

    private List<Solution> allocateChunk(String cvln, List<I> instances) {
        try (NDManager sub = manager.newSubManager()) {
            ParameterStore ps = new ParameterStore(sub, false);
            Features f = networks.featurize(sub, instances);
            List<Support> supports = supportsOf(networks.decode(ps, f, instances, new Greedy(), false));
            Beams b = networks.beamform(ps, cvln, f, supports, false);
            List<Solution> out = new ArrayList<>(instances.size());
            for (int i = 0; i < instances.size(); i++) {
                out.add(new Solution(supports.get(i), networks.beamformer(b, i, instances.get(i), supports.get(i))));
            }
            return out;
        }
    }

    /** Beamformers of a continuous network for given support sets, in the environment's layout. */
    public List<ComplexArray> beamform(String cvln, List<I> instances, List<Support> supports) {
        return inChunks(instances.size(), inferenceChunk(1),
                (from, to) -> beamformChunk(cvln, instances.subList(from, to), supports.subList(from, to)));
    }

    private List<ComplexArray> beamformChunk(String cvln, List<I> instances, List<Support> supports) {
        try (NDManager sub = manager.newSubManager()) {
            ParameterStore ps = new ParameterStore(sub, false);
            Features f = networks.featurize(sub, instances);
            Beams b = networks.beamform(ps, cvln, f, supports, false);
            List<ComplexArray> out = new ArrayList<>(instances.size());
            for (int i = 0; i < instances.size(); i++) {
                out.add(networks.beamformer(b, i, instances.get(i), supports.get(i)));
            }
            return out;
        }
    }

    /** Sum rates computed on tensors for given support sets and a continuous network (diagnostics). */
    public double[] tensorSumRates(String cvln, List<I> instances, List<Support> supports) {
        return inChunks(instances.size(), inferenceChunk(1), (from, to) -> java.util.Arrays.stream(
                tensorSumRatesChunk(cvln, instances.subList(from, to), supports.subList(from, to))).boxed().toList())
                .stream().mapToDouble(Double::doubleValue).toArray();
    }

    private double[] tensorSumRatesChunk(String cvln, List<I> instances, List<Support> supports) {
        try (NDManager sub = manager.newSubManager()) {
            ParameterStore ps = new ParameterStore(sub, false);
            Features f = networks.featurize(sub, instances);
            NDArray r = networks.sumRate(f, supports, networks.beamform(ps, cvln, f, supports, false));
            return r.toDoubleArray();
        }
    }

    /**
     * The current parameters copied to the host for greedy inference in plain Java, or null when the
     * networks have no host path (the paper's GNN context, batch normalisation). A
     * snapshot: later training does not reach it.
     */
    public HostSnapshot<I> hostSnapshot() {
        try (NDManager sub = manager.newSubManager()) {
            return networks.onHost(new ParameterStore(sub, false), manager.getDevice());
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
