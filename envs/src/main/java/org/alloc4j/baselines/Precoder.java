package org.alloc4j.baselines;

/**
 * A beamformer for a fixed support set, on the shared {@link DownlinkProblem} form. Implementations
 * write {@code [M][K][N]} beamformers that are zero on unserved links and meet every block budget.
 */
public interface Precoder {

    /** Short name used in method names, for example {@code wmmse}. */
    String name();

    /**
     * Computes the beamformers.
     *
     * @param vRe output real parts, {@code [M][K][N]}, length M·K·N
     * @param vIm output imaginary parts, same layout
     */
    void precode(DownlinkProblem problem, double[] vRe, double[] vIm);
}
