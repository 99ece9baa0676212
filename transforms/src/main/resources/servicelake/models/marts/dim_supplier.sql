with suppliers as (
    select supplier from {{ ref('dim_component') }}
    union
    select supplier from {{ ref('dim_part') }}
    union
    select supplier from {{ ref('stg_events__supplier_claim_filed') }}
),

final as (
    select supplier, supplier <> 'in_house' as is_purchased
    from suppliers
    where supplier is not null
)

select * from final
