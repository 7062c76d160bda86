package crm.journey.guards;

/** Marketing messages need consent and count against frequency caps; transactional ones (receipts) do not. */
public enum MessageKind { marketing, transactional }
