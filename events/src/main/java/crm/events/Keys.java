package crm.events;

/** Kafka record keys. One definition so every producer partitions the same customer the same way. */
public final class Keys {
    private Keys() {
    }

    public static String event(String workspaceId, Identities identities) {
        return workspaceId + ":" + identities.best();
    }
}
