package org.alloc4j.training.train;

import static org.alloc4j.envs.Check.finiteIn;
import static org.alloc4j.envs.Check.intIn;

import java.util.LinkedHashMap;
import java.util.Map;
import org.alloc4j.envs.Check;
import org.alloc4j.envs.ConfigRecords;
import org.alloc4j.envs.InvalidConfigurationException;
import org.alloc4j.policy.ModelConfig;

/**
 * Every hyper-parameter of a training run (SPEC §5). Saved to {@code config.json}, with defaults
 * filled in, so a run can be reproduced from its directory.
 *
 * @param env                    environment preset id
 * @param envOverrides           environment parameter overrides, {@code key=value,…} (empty for none)
 * @param seed                   the run's one seed: instances, sampling, power draws, initialisation
 * @param epochs                 epochs to train (ignored when {@code minutes} > 0)
 * @param minutes                wall-clock budget [min]; 0 to train for {@code epochs}
 * @param stepsPerEpoch          joint steps between validations and checkpoints
 * @param batchSize              instances per step
 * @param powerDbm               training power [dBm] when no range is given
 * @param powerMinDbm            lower end of a per-instance power range [dBm], or NaN for a fixed power
 * @param powerMaxDbm            upper end of that range [dBm]
 * @param trainingSetSize        0: fresh instances every step; otherwise a fixed set of this many, cycled
 * @param learningRateDvln       Adam step of the DVLN (1e-4)
 * @param learningRateCvln       Adam step of the CVLNs (1e-4)
 * @param learningRateCritic     Adam step of the critic (1e-4)
 * @param gradientClip           global gradient-norm clip per network (1.0; 0 disables)
 * @param entropyBonus           weight of the mean entropy in the policy loss (0)
 * @param normaliseAdvantage     divide advantages by their batch standard deviation
 * @param cvln                   the continuous network whose rate is the reward (empty: the family's default)
 * @param rewardBeamformer       empty: the reward is the rate of {@code cvln}; {@code wmmse}: the reward is the
 *                               rate of plain-Java WMMSE on each sampled set (the policy then learns support
 *                               sets for {@code learned+wmmse}; the CVLNs still train on the same sets)
 * @param trainAllCvlns          also train the other continuous networks on the same support sets
 * @param pretrainSteps          CVLN-only steps on random feasible support sets before joint training
 * @param validationInstances    size of the fixed validation set
 * @param validationSeed         its seed (distinct from evaluation test sets by default)
 * @param width                  model: hidden size d
 * @param encoderLayers          model: DVLN encoder layers
 * @param cvlnLayers             model: CVLN GNN layers
 * @param criticLayers           model: critic GNN layers
 * @param batchNorm              model: batch normalisation
 * @param clip                   model: logit clip C
 * @param cellFreeContext        model: {@code dynamic} or {@code gnn}
 * @param jointCvln              model: also build and train the joint-transmission CVLN {@code cvln-joint}
 * @param structureFeatures      model: cell-free structured CVLNs also read per-link structure features (on)
 * @param cvlnPasses             model: cell-free {@code cvln-rzf} passes, the first and its refinements (2)
 * @param baseline               what the policy gradient subtracts from each reward: {@code critic} (SPEC §5, the
 *                               critic's V) or {@code shared} (the mean reward of the other samples of the same
 *                               instance — leave-one-out, as RLOO; POMO's shared baseline includes the sample itself)
 * @param samplesPerInstance     S: each step decodes S independent samples of each of batchSize/S instances (1;
 *                               {@code shared} needs at least 2)
 */
public record TrainingConfig(
        String env,
        String envOverrides,
        long seed,
        int epochs,
        double minutes,
        int stepsPerEpoch,
        int batchSize,
        double powerDbm,
        double powerMinDbm,
        double powerMaxDbm,
        int trainingSetSize,
        double learningRateDvln,
        double learningRateCvln,
        double learningRateCritic,
        double gradientClip,
        double entropyBonus,
        boolean normaliseAdvantage,
        String cvln,
        String rewardBeamformer,
        boolean trainAllCvlns,
        int pretrainSteps,
        int validationInstances,
        long validationSeed,
        int width,
        int encoderLayers,
        int cvlnLayers,
        int criticLayers,
        boolean batchNorm,
        double clip,
        String cellFreeContext,
        boolean jointCvln,
        boolean structureFeatures,
        int cvlnPasses,
        String baseline,
        int samplesPerInstance) {

    private static final String OWNER = "training config";
    /** {@link #baseline()}: the critic's estimate (SPEC §5). */
    public static final String CRITIC = "critic";
    /** {@link #baseline()}: the mean reward of the instance's other samples. */
    public static final String SHARED = "shared";

    public TrainingConfig {
        if (env == null || env.isBlank()) {
            throw InvalidConfigurationException.of(OWNER, "env", env, "a registered environment id");
        }
        intIn(OWNER, "epochs", epochs, 1, 1_000_000);
        finiteIn(OWNER, "minutes", minutes, 0, 1e6);
        intIn(OWNER, "stepsPerEpoch", stepsPerEpoch, 1, 1_000_000);
        intIn(OWNER, "batchSize", batchSize, 1, 100_000);
        finiteIn(OWNER, "powerDbm", powerDbm, -50, 60);
        if (!Double.isNaN(powerMinDbm) || !Double.isNaN(powerMaxDbm)) {
            finiteIn(OWNER, "powerMinDbm", powerMinDbm, -50, 60);
            finiteIn(OWNER, "powerMaxDbm", powerMaxDbm, powerMinDbm, 60);
        }
        intIn(OWNER, "trainingSetSize", trainingSetSize, 0, 10_000_000);
        Check.finiteAbove(OWNER, "learningRateDvln", learningRateDvln, 0, 1);
        Check.finiteAbove(OWNER, "learningRateCvln", learningRateCvln, 0, 1);
        Check.finiteAbove(OWNER, "learningRateCritic", learningRateCritic, 0, 1);
        finiteIn(OWNER, "gradientClip", gradientClip, 0, 1e6);
        finiteIn(OWNER, "entropyBonus", entropyBonus, 0, 1e3);
        intIn(OWNER, "pretrainSteps", pretrainSteps, 0, 10_000_000);
        intIn(OWNER, "validationInstances", validationInstances, 1, 1_000_000);
        if (!baseline.equals(CRITIC) && !baseline.equals(SHARED)) {
            throw InvalidConfigurationException.of(OWNER, "baseline", baseline, CRITIC + " or " + SHARED);
        }
        intIn(OWNER, "samplesPerInstance", samplesPerInstance, baseline.equals(SHARED) ? 2 : 1, batchSize);
        if (batchSize % samplesPerInstance != 0) {
            throw InvalidConfigurationException.of(OWNER, "samplesPerInstance", samplesPerInstance,
                    "a divisor of batchSize = " + batchSize);
        }
        if (!rewardBeamformer.isEmpty() && !rewardBeamformer.equals("wmmse")) {
            throw InvalidConfigurationException.of(OWNER, "rewardBeamformer", rewardBeamformer, "empty (the CVLN) or wmmse");
        }
        // fields are assigned after a compact constructor: validate the parameters themselves
        new ModelConfig(width, encoderLayers, cvlnLayers, criticLayers, batchNorm, clip, 8, cellFreeContext, 2, jointCvln,
                structureFeatures, cvlnPasses);
    }

    /** The defaults of SPEC §5 for an environment. */
    public static TrainingConfig defaults(String env) {
        return new TrainingConfig(env, "", 1, 20, 0, 50, 128, 20, Double.NaN, Double.NaN, 0, 1e-4, 1e-4, 1e-4, 1.0, 0.0,
                false, "", "", true, 0, 200, 1_000_003, 64, 3, 2, 2, false, 10, "dynamic", false, true, 2, CRITIC, 1);
    }

    /** The model configuration part. */
    public ModelConfig model() {
        return new ModelConfig(width, encoderLayers, cvlnLayers, criticLayers, batchNorm, clip, 8, cellFreeContext, 2, jointCvln,
                structureFeatures, cvlnPasses);
    }

    /** Environment overrides as a map. */
    public Map<String, String> envOverrideMap() {
        Map<String, String> m = new LinkedHashMap<>();
        if (envOverrides.isBlank()) {
            return m;
        }
        for (String kv : envOverrides.split(",")) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw InvalidConfigurationException.of(OWNER, "envOverrides", envOverrides, "key=value pairs separated by commas");
            }
            m.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
        }
        return m;
    }

    /** Distinct instances per step: batchSize / samplesPerInstance. */
    public int instancesPerStep() {
        return batchSize / samplesPerInstance;
    }

    public boolean powerRange() {
        return !Double.isNaN(powerMinDbm);
    }

    /** This configuration with some fields replaced by name. */
    public TrainingConfig with(Map<String, String> overrides) {
        return ConfigRecords.override(OWNER, this, overrides);
    }

    public Map<String, String> toMap() {
        return ConfigRecords.toMap(this);
    }
}
