package org.alloc4j.envs;

import java.util.Objects;
import org.alloc4j.envs.math.ComplexArray;

/**
 * A full solution of a mixed-discrete problem: the support set and the continuous variables for it.
 *
 * @param support    the chosen candidates
 * @param beamformer the continuous variables in the layout of the environment (see its Javadoc);
 *                   in noise-normalised units, i.e. powers in [W]
 */
public record Solution(Support support, ComplexArray beamformer) {
    public Solution {
        Objects.requireNonNull(support, "support");
        Objects.requireNonNull(beamformer, "beamformer");
    }
}
