-- Issue 5, predictions (crm.profile.predictions): the BG/NBD model fitted per workspace and what it predicts per profile.

-- The latest fit of each workspace. Time unit: days.
create table prediction_models (
    workspace_id   text             primary key,
    fitted_at      timestamptz      not null,
    -- customers (profiles with an order) the model was fitted on
    customers      integer          not null,
    r              double precision not null,
    alpha          double precision not null,
    a              double precision not null,
    b              double precision not null,
    log_likelihood double precision not null
);

-- What the model predicts per profile, and the inputs it was computed from; joins the profile's traits.
-- Erasing or merging away a profile deletes its predictions with it.
create table profile_predictions (
    workspace_id           text             not null,
    profile_id             uuid             not null references profiles (id) on delete cascade,
    -- x, t_x and T of BG/NBD, in days
    frequency              integer          not null,
    recency_days           double precision not null,
    age_days               double precision not null,
    average_basket         numeric          not null,
    expected_purchases_90d numeric          not null,
    p_alive                numeric          not null,
    churn_risk             numeric          not null,
    clv_90d                numeric          not null,
    predicted_at           timestamptz      not null,
    primary key (workspace_id, profile_id)
);

-- Profiles whose predictions changed and whose new snapshot is not yet on crm.profiles.v1: written in the change's
-- transaction, deleted once the broker has the snapshot, so a crash in between republishes rather than loses it.
create table prediction_outbox (
    workspace_id text        not null,
    profile_id   uuid        not null references profiles (id) on delete cascade,
    changed_at   timestamptz not null,
    primary key (workspace_id, profile_id)
);
