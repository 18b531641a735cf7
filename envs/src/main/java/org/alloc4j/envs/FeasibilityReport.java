package org.alloc4j.envs;

import java.util.List;

/**
 * The verdict of an environment's independent checker.
 *
 * @param violations one human-readable line per violated constraint; empty when feasible
 */
public record FeasibilityReport(List<String> violations) {
    public FeasibilityReport {
        violations = List.copyOf(violations);
    }

    public static FeasibilityReport ok() {
        return new FeasibilityReport(List.of());
    }

    public boolean feasible() {
        return violations.isEmpty();
    }

    @Override
    public String toString() {
        return feasible() ? "feasible" : "infeasible: " + String.join("; ", violations);
    }
}
