with source as (
    select * from {{ source('raw', 'events') }}
    where event_type = 'part.returned'
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
        occurred_at as returned_at,
        cast(occurred_at as date) as event_date,
        get_json_object(payload, '$.return_id') as return_id,
        get_json_object(payload, '$.part_number') as part_number,
        get_json_object(payload, '$.component') as component,
        get_json_object(payload, '$.model') as model,
        cast(get_json_object(payload, '$.quantity') as int) as quantity,
        cast(get_json_object(payload, '$.unit_cost') as decimal(18, 2)) as unit_cost,
        get_json_object(payload, '$.currency') as currency,
        get_json_object(payload, '$.store_id') as store_id,
        get_json_object(payload, '$.region') as region,
        get_json_object(payload, '$.supplier') as supplier,
        cast(get_json_object(payload, '$.defective') as boolean) as defective,
        get_json_object(payload, '$.reason') as reason,
        get_json_object(payload, '$.work_order_id') as work_order_id
    from deduplicated
    where copy_number = 1
)

select * from renamed
