package org.alloc4j.policy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import org.alloc4j.decoder.DecodeResult;
import org.alloc4j.decoder.DecodingStrategy;
import org.alloc4j.decoder.MaskedAttentionDecoder;
import org.alloc4j.encoder.Encoding;
import org.alloc4j.encoder.Features;
import org.alloc4j.encoder.NetworkBlock;
import org.alloc4j.envs.DecodingState;
import org.alloc4j.envs.Environment;
import org.alloc4j.envs.InvalidConfigurationException;
import org.alloc4j.envs.Support;
import org.alloc4j.envs.cellfree.CellFreeEnv;
import org.alloc4j.envs.math.ComplexArray;
import org.alloc4j.envs.movable.MovableAntennaEnv;

/**
 * Every network of one environment family (SPEC §4): the DVLN (encoder + masked attention decoder),
 * the CVLNs and the critic, with the featurisation and the differentiable sum rate that tie them to
 * the environment. Three parameter groups, each trained by its own optimiser: {@link #dvlnParameters},
 * {@link #cvlnParameters}, {@link #criticParameters}.
 *
 * @param <I> the instance type
 */
public abstract class PolicyNetworks<I> extends NetworkBlock {
    protected final Environment<I> env;
    protected final ModelConfig config;

    protected PolicyNetworks(Environment<I> env, ModelConfig config) {
        this.env = env;
        this.config = config;
    }

    /** The networks for a built-in environment. */
    @SuppressWarnings("unchecked")
    public static <I> PolicyNetworks<I> create(Environment<I> env, ModelConfig config) {
        if (env instanceof CellFreeEnv cf) {
            return (PolicyNetworks<I>) new CellFreeNetworks(cf, config);
        }
        if (env instanceof MovableAntennaEnv ma) {
            return (PolicyNetworks<I>) new MovableAntennaNetworks(ma, config);
        }
        throw new InvalidConfigurationException("no neural networks for environment " + env.id()
                + "; built-in: cell-free-v1, movable-antenna-v1");
    }

    public Environment<I> environment() {
        return env;
    }

    public ModelConfig config() {
        return config;
    }

    /** Tensors of a batch of instances of one size. */
    public abstract Features featurize(NDManager manager, List<I> batch);

    /**
     * Edges of the encoder's graph per instance (cell-free: M·K links; movable antennas: Q·K
     * position–UE pairs): the per-edge arrays, (rows, edges, d), are the largest of a forward pass.
     */
    public abstract int graphEdges();

    protected abstract Dvln dvln();

    protected abstract Encoding encode(ParameterStore ps, Features features, boolean training);

    /**
     * Encodes and decodes a batch: {@code strategy.rowsPerInstance()} rows per instance,
     * instance-major.
     */
    public DecodeResult decode(ParameterStore ps, Features features, List<I> batch, DecodingStrategy strategy,
                               boolean training) {
        return decode(ps, features, batch, strategy, training, null);
    }

    /** As {@link #decode(ParameterStore, Features, List, DecodingStrategy, boolean)}, observing every step. */
    public DecodeResult decode(ParameterStore ps, Features features, List<I> batch, DecodingStrategy strategy,
                               boolean training, MaskedAttentionDecoder.StepObserver observer) {
        Encoding enc = encode(ps, features, training);
        List<DecodingState> states = new ArrayList<>(batch.size() * strategy.rowsPerInstance());
        for (I inst : batch) {
            for (int r = 0; r < strategy.rowsPerInstance(); r++) {
                states.add(env.newState(inst));
            }
        }
        return dvln().decoder.decode(ps, env, enc, states, strategy, training, observer);
    }

    /** Names of the continuous networks, the first being the default ({@code cvln-rzf} for cell-free). */
    public abstract List<String> cvlnNames();

    /** The CVLN block of a name. */
    protected abstract NetworkBlock cvln(String name);

    /**
     * Beamformers of one support set per feature row.
     *
     * @param cvln     a name from {@link #cvlnNames()}
     * @param supports one per row of {@code features}
     */
    public abstract Beams beamform(ParameterStore ps, String cvln, Features features, List<Support> supports,
                                   boolean training);

    /** The differentiable sum rate of every row, (B) float64. */
    public abstract NDArray sumRate(Features features, List<Support> supports, Beams beams);

    /** The critic's estimate of the expected sum rate of every row, (B) float32. */
    public abstract NDArray value(ParameterStore ps, Features features, boolean training);

    protected abstract NetworkBlock critic();

    /**
     * Row {@code row} of {@code beams} in the environment's layout, in double precision. If rounding
     * leaves a budget exceeded in the last bits, the beamformers are scaled down onto it (the exact
     * projection that is always feasible), so the independent checker sees a feasible solution.
     */
    public abstract ComplexArray beamformer(Beams beams, int row, I instance, Support support);

    public List<Parameter> dvlnParameters() {
        return parameters(dvln());
    }

    public List<Parameter> cvlnParameters(String name) {
        return parameters(cvln(name));
    }

    public List<Parameter> criticParameters() {
        return parameters(critic());
    }

    protected InvalidConfigurationException unknownCvln(String name) {
        return new InvalidConfigurationException("unknown continuous network '" + name + "' for " + env.id()
                + "; known: " + String.join(", ", cvlnNames()));
    }

    private static List<Parameter> parameters(Block b) {
        List<Parameter> out = new ArrayList<>();
        for (Pair<String, Parameter> p : b.getParameters()) {
            out.add(p.getValue());
        }
        return out;
    }

    /** Helper for subclasses: a 0/1 float32 tensor of shape (B, …) from per-row indicator arrays. */
    protected static NDArray indicators(NDManager m, List<boolean[]> rows, long... shape) {
        int per = rows.get(0).length;
        boolean[] all = new boolean[rows.size() * per];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, all, i * per, per);
        }
        return org.alloc4j.encoder.Tensors.bools(m, all, new ai.djl.ndarray.types.Shape(shape))
                .toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
    }

    /** The continuous networks a {@link HostSnapshot} of these networks runs; empty when there is none. */
    public List<String> hostCvlns() {
        return List.of();
    }

    /** A snapshot of the parameters for host inference ({@link HostSnapshot}), or null when there is no host path. */
    HostSnapshot<I> onHost(ParameterStore ps, ai.djl.Device device) {
        return null;
    }
}
