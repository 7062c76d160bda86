package crm.journey.runs;

/** running until it completes (no step left), fails (a failed send), exits (exit step or criterion) or is cancelled (profile erased). */
public enum RunStatus {
    running, completed, failed, exited, cancelled;

    public boolean isFinal() {
        return this != running;
    }
}
