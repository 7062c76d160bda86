package crm.profile.predictions;

import crm.events.Json;
import crm.profile.traits.ProfileState;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the orders of every profile of a workspace from the fold state (profiles.state -> 'orders', written by
 * crm.profile.traits; see ProfileState.OrderFact), keeping those that still count. Read-only: the fold owns them.
 */
@ApplicationScoped
public class CustomerOrdersRepository {

    /** Every profile of the workspace with at least one order that counts. */
    public List<CustomerOrders> ofWorkspace(Connection c, String workspaceId) throws SQLException {
        Map<String, ProfileState> byProfile = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("select p.id, o.key, o.value::text from profiles p "
                + "cross join lateral jsonb_each(case when jsonb_typeof(p.state -> 'orders') = 'object' "
                + "then p.state -> 'orders' else '{}'::jsonb end) o "
                + "where p.workspace_id = ? order by p.id")) {
            s.setString(1, workspaceId);
            s.setFetchSize(1000);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ProfileState.OrderFact order = Json.read(rs.getString(3), ProfileState.OrderFact.class);
                    byProfile.computeIfAbsent(rs.getString(1), id -> new ProfileState()).orders.put(rs.getString(2), order);
                }
            }
        }
        // The same reading of the orders as the fold's (CustomerOrders.of): those that still count.
        List<CustomerOrders> out = new ArrayList<>(byProfile.size());
        byProfile.forEach((id, state) -> {
            CustomerOrders orders = CustomerOrders.of(id, state);
            if (orders.count() > 0) out.add(orders);
        });
        return out;
    }

    /** The workspaces that have at least one profile with an order. */
    public List<String> workspacesWithOrders(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("select distinct workspace_id from profiles "
                + "where jsonb_typeof(state -> 'orders') = 'object' and state -> 'orders' <> '{}'::jsonb");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }
}
