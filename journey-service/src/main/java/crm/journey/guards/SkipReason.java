package crm.journey.guards;

/** Why a guard stopped a send: the code stored with the send and counted in a journey's statistics. */
public enum SkipReason { no_address, suppressed, consent, empathy, frequency_cap, quiet_hours, rate_limit }
