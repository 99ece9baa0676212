with source as (
    select * from {{ source('raw', 'events') }}
    where event_type = 'supplier.claim.filed'
),

deduplicated as (
    select
        *,
        row_number() over (partition by event_id order by kafka_topic, kafka_partition, kafka_offset) as copy_number
    from source
),

renamed as (
    select
        event_id,
        schema_version,
        occurred_at as filed_at,
        cast(occurred_at as date) as event_date,
        get_json_object(payload, '$.claim_id') as claim_id,
        get_json_object(payload, '$.supplier') as supplier,
        get_json_object(payload, '$.part_number') as part_number,
        get_json_object(payload, '$.component') as component,
        get_json_object(payload, '$.model') as model,
        get_json_object(payload, '$.serial') as serial,
        get_json_object(payload, '$.work_order_id') as work_order_id,
        cast(get_json_object(payload, '$.claimed_amount') as decimal(18, 2)) as claimed_amount,
        get_json_object(payload, '$.currency') as currency
    from deduplicated
    where copy_number = 1
)

select * from renamed
