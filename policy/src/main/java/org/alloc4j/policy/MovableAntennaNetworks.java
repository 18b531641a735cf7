package org.alloc4j.policy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.alloc4j.decoder.MaskedAttentionDecoder;
import org.alloc4j.decoder.MovableAntennaContext;
import org.alloc4j.encoder.Encoding;
import org.alloc4j.encoder.EngnnLayer;
import org.alloc4j.encoder.Features;
import org.alloc4j.encoder.MovableAntennaEncoder;
import org.alloc4j.encoder.MovableAntennaFeatures;
import org.alloc4j.encoder.NetworkBlock;
import org.alloc4j.encoder.Tensors;
import org.alloc4j.envs.Support;
import org.alloc4j.envs.math.ComplexArray;
import org.alloc4j.envs.movable.MovableAntennaEnv;
import org.alloc4j.envs.movable.MovableAntennaInstance;

/** The networks for {@code movable-antenna-v1}: ENGNN encoder, glimpse decoder, structure {@code cvln}, critic. */
public final class MovableAntennaNetworks extends PolicyNetworks<MovableAntennaInstance> {
    public static final String STRUCTURE = "cvln";
    private final Dvln dvln;
    private final MovableStructureCvln structure;
    private final MovableAntennaEncoder criticEncoder;
    private final CriticHead criticHead;
    private final NetworkBlock critic;

    public MovableAntennaNetworks(MovableAntennaEnv env, ModelConfig config) {
        super(env, config);
        int d = config.width();
        dvln = addChildBlock("dvln", new Dvln(new MovableAntennaEncoder(config.encoder(), EngnnLayer.Outputs.TX),
                new MaskedAttentionDecoder(new MovableAntennaContext(d, config.glimpseHeads()), d, config.clip(), false)));
        structure = addChildBlock(STRUCTURE, new MovableStructureCvln(d, config.cvlnLayers(), config.batchNorm()));
        criticEncoder = new MovableAntennaEncoder(config.critic(), EngnnLayer.Outputs.ALL);
        criticHead = new CriticHead(d);
        critic = addChildBlock("critic", new CellFreeNetworks.CriticBlock(criticEncoder, criticHead));
    }

    @Override
    public Features featurize(NDManager manager, List<MovableAntennaInstance> batch) {
        return MovableAntennaFeatures.of(manager, batch);
    }

    @Override
    public int graphEdges() {
        return ((MovableAntennaEnv) env).config().candidateCount() * ((MovableAntennaEnv) env).config().users();
    }

    @Override
    protected Dvln dvln() {
        return dvln;
    }

    @Override
    protected Encoding encode(ParameterStore ps, Features features, boolean training) {
        return ((MovableAntennaEncoder) dvln.encoder).encode(ps, (MovableAntennaFeatures) features, training);
    }

    @Override
    public List<String> cvlnNames() {
        return List.of(STRUCTURE);
    }

    @Override
    protected NetworkBlock cvln(String name) {
        if (!name.equals(STRUCTURE)) {
            throw unknownCvln(name);
        }
        return structure;
    }

    @Override
    public Beams beamform(ParameterStore ps, String cvln, Features features, List<Support> supports, boolean training) {
        cvln(cvln);
        MovableAntennaFeatures f = (MovableAntennaFeatures) features;
        return structure.beamform(ps, f, chosen(f.edges().getManager(), supports), training);
    }

    /** (B, N) int64: the chosen positions of every row in ascending order. */
    static NDArray chosen(NDManager m, List<Support> supports) {
        int n = supports.get(0).size();
        long[] idx = new long[supports.size() * n];
        for (int r = 0; r < supports.size(); r++) {
            Support s = supports.get(r);
            if (s.size() != n) {
                throw new IllegalArgumentException("every placement needs " + n + " positions; row " + r + " has " + s);
            }
            for (int i = 0; i < n; i++) {
                idx[r * n + i] = s.get(i);
            }
        }
        return Tensors.longs(m, idx, new Shape(supports.size(), n));
    }

    @Override
    public NDArray sumRate(Features features, List<Support> supports, Beams beams) {
        MovableAntennaFeatures f = (MovableAntennaFeatures) features;
        NDArray[] h = MovableStructureCvln.chosenChannels(f, chosen(f.edges().getManager(), supports));
        return TensorSumRate.movable(h[0], h[1], beams);
    }

    @Override
    public NDArray value(ParameterStore ps, Features features, boolean training) {
        MovableAntennaFeatures f = (MovableAntennaFeatures) features;
        return criticHead.value(ps, criticEncoder.encode(ps, f, training).graph(), training);
    }

    @Override
    protected NetworkBlock critic() {
        return critic;
    }

    @Override
    public ComplexArray beamformer(Beams beams, int row, MovableAntennaInstance inst, Support support) {
        int n = support.size();
        int k = inst.users();
        return withinBudget(ComplexArray.of(beams.rowRe(row, n * k), beams.rowIm(row, n * k), n, k), inst);
    }

    /** {@code w}, scaled in place onto the budget if rounding put it above: ‖W‖_F² ≤ P exactly. */
    static ComplexArray withinBudget(ComplexArray w, MovableAntennaInstance inst) {
        double power = w.normSquared();
        if (power > inst.powerW()) {
            w.scale(Math.sqrt(inst.powerW() / power));
        }
        return w;
    }

    /**
     * A snapshot of the current parameters for greedy decoding and {@code cvln} in plain Java
     * ({@link MovableAntennaHostPath}), or null when the networks use batch normalisation.
     */
    @Override
    HostSnapshot<MovableAntennaInstance> onHost(ParameterStore ps, ai.djl.Device device) {
        if (config().batchNorm()) {
            return null;
        }
        return new MovableAntennaHostPath((MovableAntennaEnv) environment(),
                ((MovableAntennaEncoder) dvln.encoder).onHost(ps, device), dvln.decoder.onHost(ps, device),
                structure.onHost(ps, device), config().width());
    }

    @Override
    public List<String> hostCvlns() {
        return config().batchNorm() ? List.of() : List.of(STRUCTURE);
    }
}
