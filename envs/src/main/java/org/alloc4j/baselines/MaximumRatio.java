package org.alloc4j.baselines;

import java.util.Arrays;

/**
 * Maximum-ratio transmission with the budget of each block split equally over the UEs it serves:
 * w_mk = sqrt(P_m/|U_m|)·h_mk/‖h_mk‖. With one block this is equal-power MRT.
 */
public final class MaximumRatio implements Precoder {

    @Override
    public String name() {
        return "mrt";
    }

    @Override
    public void precode(DownlinkProblem p, double[] vRe, double[] vIm) {
        Arrays.fill(vRe, 0);
        Arrays.fill(vIm, 0);
        for (int m = 0; m < p.blocks(); m++) {
            int load = p.load(m);
            if (load == 0) {
                continue;
            }
            double share = p.budget(m) / load;
            for (int k = 0; k < p.users(); k++) {
                double g = p.gain(m, k);
                if (!p.served(m, k) || g == 0) {
                    continue;
                }
                double scale = Math.sqrt(share / g);
                for (int n = 0; n < p.antennas(); n++) {
                    int i = p.index(m, k, n);
                    vRe[i] = scale * p.re(m, k, n);
                    vIm[i] = scale * p.im(m, k, n);
                }
            }
        }
    }
}
