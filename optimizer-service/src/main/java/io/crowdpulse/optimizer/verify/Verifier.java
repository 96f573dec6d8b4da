package io.crowdpulse.optimizer.verify;

/** Compares a target's key figures after a change with those before it. (Contract; implementation follows.) */
public final class Verifier {

    /** @param rollbackThreshold relative degradation (0.10 = 10 %) beyond which a change is rolled back */
    public Verifier(double rollbackThreshold) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public VerificationResult verify(WindowFigures before, WindowFigures after) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
