with filed as (
    select *, row_number() over (partition by claim_id order by filed_at, event_id) as n
    from {{ ref('stg_events__supplier_claim_filed') }}
),

settled as (
    select *, row_number() over (partition by claim_id order by settled_at desc, event_id) as n
    from {{ ref('stg_events__supplier_claim_settled') }}
),

claims as (
    select
        f.supplier,
        f.part_number,
        f.claimed_amount,
        s.claim_id is not null as is_settled,
        s.outcome,
        coalesce(s.recovered_amount, 0) as recovered_amount
    from filed f
    left join settled s on s.claim_id = f.claim_id and s.n = 1
    where f.n = 1
),

final as (
    select
        supplier,
        part_number,
        count(*) as claims_filed,
        sum(claimed_amount) as claimed_amount,
        sum(case when is_settled then 1 else 0 end) as claims_settled,
        sum(case when outcome = 'rejected' then 1 else 0 end) as claims_rejected,
        sum(recovered_amount) as recovered_amount,
        sum(case when is_settled then claimed_amount - recovered_amount else 0 end) as written_off_amount,
        sum(case when not is_settled then claimed_amount else 0 end) as outstanding_amount,
        round(sum(recovered_amount) / nullif(sum(case when is_settled then claimed_amount end), 0), 6) as recovery_rate
    from claims
    group by supplier, part_number
)

select * from final
