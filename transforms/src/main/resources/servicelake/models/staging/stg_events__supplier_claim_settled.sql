with source as (
    select * from {{ source('raw', 'events') }}
    where event_type = 'supplier.claim.settled'
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
        occurred_at as settled_at,
        cast(occurred_at as date) as event_date,
        get_json_object(payload, '$.claim_id') as claim_id,
        get_json_object(payload, '$.supplier') as supplier,
        cast(get_json_object(payload, '$.claimed_amount') as decimal(18, 2)) as claimed_amount,
        cast(get_json_object(payload, '$.recovered_amount') as decimal(18, 2)) as recovered_amount,
        get_json_object(payload, '$.currency') as currency,
        get_json_object(payload, '$.outcome') as outcome
    from deduplicated
    where copy_number = 1
)

select * from renamed
