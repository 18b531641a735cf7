package org.alloc4j.baselines;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.alloc4j.envs.Environment;
import org.alloc4j.envs.InvalidConfigurationException;
import org.alloc4j.envs.cellfree.CellFreeEnv;
import org.alloc4j.envs.cellfree.CellFreeInstance;
import org.alloc4j.envs.movable.MovableAntennaEnv;
import org.alloc4j.envs.movable.MovableAntennaInstance;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * The methods available for one environment, by name: discrete parts, continuous parts (composed as
 * {@code <discrete>+<continuous>}) and joint methods. {@link #classical} fills in the baselines of
 * SPEC §6; the policy module registers the learned parts ({@code learned}, {@code cvln}, …) on top.
 *
 * <p>Discrete {@code exhaustive} is special: {@code exhaustive+X} evaluates X on every feasible
 * support set, and {@code exhaustive+wmmse} uses multi-start WMMSE on the maximal ones
 * ({@link ExhaustiveSearch}).
 *
 * @param <I> the instance type
 */
public final class MethodCatalog<I> {

    /**
     * What a method is built with.
     *
     * @param seed                  run seed; each method derives its own random stream from it and its name
     * @param exhaustiveMaxSupports budget of exhaustive search in support sets per instance
     * @param exhaustiveRandomStarts random WMMSE starts per support set in {@code exhaustive+wmmse}
     */
    public record Context(long seed, long exhaustiveMaxSupports, int exhaustiveRandomStarts) {
        public static Context of(long seed) {
            return new Context(seed, 20_000, 0);
        }

        /** An independent, reproducible random stream for the named method. */
        public UniformRandomProvider rngFor(String method) {
            return RandomSource.XO_RO_SHI_RO_128_PP.create(new long[] {seed, method.hashCode() * 0x9E3779B97F4A7C15L});
        }
    }

    private final Environment<I> env;
    private final Map<String, Function<Context, SupportSelector<I>>> selectors = new LinkedHashMap<>();
    private final Map<String, Function<Context, Beamformer<I>>> beamformers = new LinkedHashMap<>();
    private final Map<String, Function<Context, Allocator<I>>> joint = new LinkedHashMap<>();

    public MethodCatalog(Environment<I> env) {
        this.env = env;
    }

    public Environment<I> environment() {
        return env;
    }

    public MethodCatalog<I> registerSelector(String name, Function<Context, SupportSelector<I>> factory) {
        selectors.put(name, factory);
        return this;
    }

    public MethodCatalog<I> registerBeamformer(String name, Function<Context, Beamformer<I>> factory) {
        beamformers.put(name, factory);
        return this;
    }

    public MethodCatalog<I> registerJoint(String name, Function<Context, Allocator<I>> factory) {
        joint.put(name, factory);
        return this;
    }

    /** A continuous part by name. */
    public Beamformer<I> beamformer(String name, Context context) {
        Function<Context, Beamformer<I>> f = beamformers.get(name);
        if (f == null) {
            throw new InvalidConfigurationException("unknown continuous part '" + name + "' for " + env.id()
                    + "; known: " + String.join(", ", beamformers.keySet()));
        }
        return f.apply(context);
    }

    public List<String> selectorNames() {
        return new ArrayList<>(selectors.keySet());
    }

    public List<String> beamformerNames() {
        return new ArrayList<>(beamformers.keySet());
    }

    public List<String> jointNames() {
        return new ArrayList<>(joint.keySet());
    }

    /**
     * Builds a method by name.
     *
     * @throws InvalidConfigurationException for an unknown name; the message lists what exists
     */
    public Allocator<I> create(String method, Context context) {
        Function<Context, Allocator<I>> j = joint.get(method);
        if (j != null) {
            return j.apply(context);
        }
        int plus = method.indexOf('+');
        if (plus > 0) {
            String discrete = method.substring(0, plus);
            String continuous = method.substring(plus + 1);
            Function<Context, Beamformer<I>> bf = beamformers.get(continuous);
            if (bf != null) {
                if (discrete.equals("exhaustive")) {
                    Beamformer<I> plain = bf.apply(context);
                    Beamformer<I> thorough = continuous.equals("wmmse") ? multiStartWmmse(context) : plain;
                    return new ExhaustiveSearch<>(env, plain, thorough, context.exhaustiveMaxSupports());
                }
                Function<Context, SupportSelector<I>> sel = selectors.get(discrete);
                if (sel != null) {
                    return Allocator.compose(sel.apply(context), bf.apply(context));
                }
            }
        }
        throw new InvalidConfigurationException("unknown method '" + method + "' for " + env.id()
                + "; methods are <discrete>+<continuous> with discrete parts " + String.join(", ", selectorNamesWithExhaustive())
                + " and continuous parts " + String.join(", ", beamformers.keySet())
                + (joint.isEmpty() ? "" : ", or the joint methods " + String.join(", ", joint.keySet())));
    }

    private List<String> selectorNamesWithExhaustive() {
        List<String> names = new ArrayList<>(selectors.keySet());
        names.add("exhaustive");
        return names;
    }

    private Beamformer<I> multiStartWmmse(Context context) {
        Wmmse w = new Wmmse(Wmmse.Options.multiStart(context.exhaustiveRandomStarts()), context.rngFor("exhaustive+wmmse"));
        return downlink(w);
    }

    @SuppressWarnings("unchecked")
    private Beamformer<I> downlink(Precoder p) {
        if (env instanceof CellFreeEnv) {
            return (Beamformer<I>) DownlinkBeamformer.cellFree(p);
        }
        if (env instanceof MovableAntennaEnv) {
            return (Beamformer<I>) DownlinkBeamformer.movable(p);
        }
        throw new IllegalStateException("no downlink beamformers for " + env.id());
    }

    /**
     * The classical methods of SPEC §6 for a built-in environment; for other environments only the
     * generic discrete parts ({@code random}; {@code exhaustive} once a continuous part is registered).
     */
    @SuppressWarnings("unchecked")
    public static <I> MethodCatalog<I> classical(Environment<I> env) {
        MethodCatalog<I> c = new MethodCatalog<>(env);
        if (env instanceof CellFreeEnv cf) {
            MethodCatalog<CellFreeInstance> cc = (MethodCatalog<CellFreeInstance>) c;
            cc.registerSelector("greedy", ctx -> new GreedyAssociation(cf.config()));
        } else if (env instanceof MovableAntennaEnv ma) {
            MethodCatalog<MovableAntennaInstance> mc = (MethodCatalog<MovableAntennaInstance>) c;
            mc.registerSelector("greedy", ctx -> new GreedyPositioning(ma));
        }
        c.registerSelector("random", ctx -> new RandomFeasible<>(env, ctx.rngFor("random")));
        if (env instanceof CellFreeEnv || env instanceof MovableAntennaEnv) {
            c.registerBeamformer("wmmse", ctx -> c.downlink(new Wmmse()));
            c.registerBeamformer("mrt", ctx -> c.downlink(new MaximumRatio()));
            c.registerBeamformer("zf", ctx -> c.downlink(JointLinearPrecoder.zeroForcing()));
            c.registerBeamformer("rzf", ctx -> c.downlink(JointLinearPrecoder.regularised()));
            if (env instanceof CellFreeEnv) {
                c.registerBeamformer("przf", ctx -> c.downlink(LocalPrecoder.partialRzf()));
            }
            c.registerBeamformer("structure", ctx -> c.downlink(LocalPrecoder.equalWeightStructure()));
        }
        if (env instanceof MovableAntennaEnv ma) {
            ((MethodCatalog<MovableAntennaInstance>) c).registerJoint("fp-c", ctx -> new FractionalProgrammingPositioning(ma));
        }
        return c;
    }
}
