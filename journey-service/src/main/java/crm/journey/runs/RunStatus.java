package crm.journey.runs;

public enum RunStatus { running, completed, failed }
