-- The station scope of int_scorecard, which computes every KPI for both scopes at once.
select month_start, subject_id as station_id, kpis.*, commission as department_commission
from {{ ref('int_scorecard') }}
where scope = 'station'
