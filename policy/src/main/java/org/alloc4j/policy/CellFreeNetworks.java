package org.alloc4j.policy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import org.alloc4j.decoder.CellFreeDynamicContext;
import org.alloc4j.decoder.CellFreeGnnContext;
import org.alloc4j.decoder.MaskedAttentionDecoder;
import org.alloc4j.encoder.CellFreeEncoder;
import org.alloc4j.encoder.CellFreeFeatures;
import org.alloc4j.encoder.Encoding;
import org.alloc4j.encoder.Features;
import org.alloc4j.encoder.NetworkBlock;
import org.alloc4j.envs.Support;
import org.alloc4j.envs.cellfree.CellFreeEnv;
import org.alloc4j.envs.cellfree.CellFreeInstance;
import org.alloc4j.envs.math.ComplexArray;

/** The networks for {@code cell-free-v1}: ENGNN encoder, decoder, {@code cvln-rzf}, {@code cvln}, critic. */
public final class CellFreeNetworks extends PolicyNetworks<CellFreeInstance> {
    public static final String RZF = "cvln-rzf";
    /**
     * Not a network: the {@code cvln-rzf} structure optimised per instance from the CVLN's output
     * ({@link RzfStructureSearch}); accepted by {@link #beamform} outside training.
     */
    public static final String RZF_SEARCH = "rzf-opt";
    public static final String PROJECTION = "cvln";
    public static final String JOINT = "cvln-joint";
    private final Dvln dvln;
    private final CellFreeRzfCvln rzf;
    private final CellFreeProjectionCvln projection;
    private final CellFreeJointCvln joint;
    private final CellFreeEncoder criticEncoder;
    private final CriticHead criticHead;
    private final NetworkBlock critic;

    public CellFreeNetworks(CellFreeEnv env, ModelConfig config) {
        super(env, config);
        int n = env.config().antennasPerAp();
        int d = config.width();
        CellFreeEncoder encoder = new CellFreeEncoder(config.encoder(), n);
        MaskedAttentionDecoder decoder = config.cellFreeContext().equals("gnn")
                ? new MaskedAttentionDecoder(new CellFreeGnnContext(d, CellFreeFeatures.edgeWidth(n), config.contextLayers()), d, config.clip(), true)
                : new MaskedAttentionDecoder(new CellFreeDynamicContext(d), d, config.clip(), true);
        dvln = addChildBlock("dvln", new Dvln(encoder, decoder));
        rzf = addChildBlock(RZF, new CellFreeRzfCvln(n, d, config.cvlnLayers(), config.batchNorm(), config.structureFeatures(),
                config.cvlnPasses()));
        projection = addChildBlock(PROJECTION, new CellFreeProjectionCvln(n, d, config.cvlnLayers(), config.batchNorm()));
        joint = config.jointCvln()
                ? addChildBlock(JOINT, new CellFreeJointCvln(n, d, config.cvlnLayers(), config.batchNorm(), config.structureFeatures())) : null;
        criticEncoder = new CellFreeEncoder(config.critic(), n);
        criticHead = new CriticHead(d);
        critic = addChildBlock("critic", new CriticBlock(criticEncoder, criticHead));
    }

    /** Critic = its own encoder + readout, one parameter group. */
    static final class CriticBlock extends NetworkBlock {
        CriticBlock(NetworkBlock encoder, NetworkBlock head) {
            addChildBlock("encoder", encoder);
            addChildBlock("head", head);
        }
    }

    @Override
    public Features featurize(NDManager manager, List<CellFreeInstance> batch) {
        return CellFreeFeatures.of(manager, batch);
    }

    @Override
    public int graphEdges() {
        return ((CellFreeEnv) env).config().candidateCount();
    }

    @Override
    protected Dvln dvln() {
        return dvln;
    }

    @Override
    protected Encoding encode(ParameterStore ps, Features features, boolean training) {
        return ((CellFreeEncoder) dvln.encoder).encode(ps, (CellFreeFeatures) features, training);
    }

    @Override
    public List<String> cvlnNames() {
        return joint == null ? List.of(RZF, PROJECTION) : List.of(RZF, PROJECTION, JOINT);
    }

    @Override
    protected NetworkBlock cvln(String name) {
        return switch (name) {
            case RZF -> rzf;
            case PROJECTION -> projection;
            case JOINT -> requireJoint();
            default -> throw unknownCvln(name);
        };
    }

    /** The {@code cvln-rzf} network itself, for tests of its passes. */
    CellFreeRzfCvln rzf() {
        return rzf;
    }

    private CellFreeJointCvln requireJoint() {
        if (joint == null) {
            throw unknownCvln(JOINT);
        }
        return joint;
    }

    @Override
    public Beams beamform(ParameterStore ps, String cvln, Features features, List<Support> supports, boolean training) {
        CellFreeFeatures f = (CellFreeFeatures) features;
        NDArray served = served(f.edges().getManager(), f, supports);
        return switch (cvln) {
            case RZF -> rzf.beamform(ps, f, served, training);
            case RZF_SEARCH -> {
                if (training) {
                    throw new IllegalArgumentException(RZF_SEARCH + " is a per-instance search, not trainable");
                }
                yield RzfStructureSearch.search(f, served, rzf.scores(ps, f, served, false));
            }
            case PROJECTION -> projection.beamform(ps, f, served, training);
            case JOINT -> requireJoint().beamform(ps, f, served, training);
            default -> throw unknownCvln(cvln);
        };
    }

    /** (B, M, K) float32: 1 on links in each row's support. */
    static NDArray served(NDManager m, CellFreeFeatures f, List<Support> supports) {
        List<boolean[]> rows = new ArrayList<>(supports.size());
        for (Support s : supports) {
            rows.add(s.toIndicator(f.aps() * f.users()));
        }
        return indicators(m, rows, supports.size(), f.aps(), f.users());
    }

    @Override
    public NDArray sumRate(Features features, List<Support> supports, Beams beams) {
        CellFreeFeatures f = (CellFreeFeatures) features;
        return TensorSumRate.cellFree(f.channelRe(), f.channelIm(), beams);
    }

    @Override
    public NDArray value(ParameterStore ps, Features features, boolean training) {
        CellFreeFeatures f = (CellFreeFeatures) features;
        return criticHead.value(ps, criticEncoder.encode(ps, f, training).graph(), training);
    }

    @Override
    protected NetworkBlock critic() {
        return critic;
    }

    @Override
    public ComplexArray beamformer(Beams beams, int row, CellFreeInstance inst, Support support) {
        int m = inst.aps();
        int k = inst.users();
        int n = inst.antennas();
        int per = m * k * n;
        return withinBudgets(inst, beams.rowRe(row, per), beams.rowIm(row, per));
    }

    /**
     * Beams (M, K, N) as the environment's beamformer, each AP's rescaled onto its budget where
     * rounding put it above.
     */
    static ComplexArray withinBudgets(CellFreeInstance inst, double[] re, double[] im) {
        int m = inst.aps();
        int k = inst.users();
        int n = inst.antennas();
        ComplexArray w = ComplexArray.of(re, im, m, k, n);
        for (int a = 0; a < m; a++) {
            double power = 0;
            for (int i = a * k * n; i < (a + 1) * k * n; i++) {
                power += w.abs2(i);
            }
            if (power > inst.powerW()) {
                double s = Math.sqrt(inst.powerW() / power);
                for (int i = a * k * n; i < (a + 1) * k * n; i++) {
                    w.set(i, w.re(i) * s, w.im(i) * s);
                }
            }
        }
        return w;
    }

    /**
     * A snapshot of the current parameters for greedy decoding and {@code cvln-rzf} in plain Java
     * ({@link CellFreeHostPath}), or null when the decoder's context has no host path (the paper's GNN
     * context) or the networks use batch normalisation.
     */
    @Override
    HostSnapshot<CellFreeInstance> onHost(ParameterStore ps, ai.djl.Device device) {
        if (!hasHostPath()) {
            return null;
        }
        return new CellFreeHostPath((CellFreeEnv) environment(), ((CellFreeEncoder) dvln.encoder).onHost(ps, device),
                dvln.decoder.onHost(ps, device), rzf.onHost(ps, device), config().width());
    }

    @Override
    public List<String> hostCvlns() {
        return hasHostPath() ? List.of(RZF) : List.of();
    }

    private boolean hasHostPath() {
        return dvln.decoder.decodesOnHost() && !config().batchNorm();
    }
}
