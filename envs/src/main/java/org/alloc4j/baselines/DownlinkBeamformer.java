package org.alloc4j.baselines;

import org.alloc4j.envs.Support;
import org.alloc4j.envs.cellfree.CellFreeInstance;
import org.alloc4j.envs.math.ComplexArray;
import org.alloc4j.envs.movable.MovableAntennaInstance;

/**
 * A {@link Precoder} applied to an environment: builds the {@link DownlinkProblem} of an instance and
 * support set, precodes, and returns the beamformers in the environment's layout.
 */
public final class DownlinkBeamformer {
    private DownlinkBeamformer() {
    }

    /** Cell-free: block m = AP m, layout {@code [M][K][N]}. */
    public static Beamformer<CellFreeInstance> cellFree(Precoder precoder) {
        return new Beamformer<>() {
            @Override
            public String name() {
                return precoder.name();
            }

            @Override
            public ComplexArray beamform(CellFreeInstance instance, Support support) {
                DownlinkProblem p = DownlinkProblem.of(instance, support);
                int size = p.blocks() * p.users() * p.antennas();
                double[] re = new double[size];
                double[] im = new double[size];
                precoder.precode(p, re, im);
                return p.toArray(re, im);
            }
        };
    }

    /** Movable antennas: one block of the chosen positions, layout {@code [N][K]}. */
    public static Beamformer<MovableAntennaInstance> movable(Precoder precoder) {
        return new Beamformer<>() {
            @Override
            public String name() {
                return precoder.name();
            }

            @Override
            public ComplexArray beamform(MovableAntennaInstance instance, Support placement) {
                DownlinkProblem p = DownlinkProblem.of(instance, placement);
                int size = p.users() * p.antennas();
                double[] re = new double[size];
                double[] im = new double[size];
                precoder.precode(p, re, im);
                return toMovableLayout(p, re, im);
            }
        };
    }

    /** {@code [1][K][N]} beamformers of a one-block problem as the movable-antenna layout {@code [N][K]}. */
    public static ComplexArray toMovableLayout(DownlinkProblem p, double[] re, double[] im) {
        int k = p.users();
        int n = p.antennas();
        ComplexArray w = ComplexArray.zeros(n, k);
        for (int u = 0; u < k; u++) {
            for (int a = 0; a < n; a++) {
                int from = p.index(0, u, a);
                w.set(a * k + u, re[from], im[from]);
            }
        }
        return w;
    }
}
