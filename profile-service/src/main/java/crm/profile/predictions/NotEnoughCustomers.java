package crm.profile.predictions;

/** A workspace has too few customers with an order for a fit to mean anything. */
public class NotEnoughCustomers extends Exception {
    public final int customers;
    public final int needed;

    public NotEnoughCustomers(int customers, int needed) {
        super("fitting the model needs at least " + needed + " customers with an order; the workspace has " + customers);
        this.customers = customers;
        this.needed = needed;
    }
}
