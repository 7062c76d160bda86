package crm.journey.sends;

/** The life of one send: pending until due, sending while a worker holds its lease, then one of the final three. */
public enum SendStatus {
    pending, sending, sent, failed, skipped;

    public boolean isFinal() {
        return this == sent || this == failed || this == skipped;
    }
}
