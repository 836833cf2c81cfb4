//! Dates, times, date-times and the date functions, evaluated in the
//! user's time zone (facts §6). `now` is 2026-03-01T23:30Z: Sunday in UTC,
//! already Monday 2026-03-02 08:30 in Tokyo.

use super::*;

fn date_app(mut f: Fixture) -> Fixture {
    for (id, day) in [
        (1, "2026-03-01"),
        (2, "2026-03-02"),
        (3, "2026-03-03"),
        (4, ""),
        (5, "2026-02-28"),
        (6, "2026-03-08"),
        (7, "2026-03-31"),
        (8, "2025-12-31"),
    ] {
        f.add(id, &[("Day", text(day)), ("CalcDay", text(day))]);
    }
    f
}

#[test]
fn facts_6_date_literals_and_blank_dates_as_the_minimum() {
    let f = date_app(Fixture::new());
    assert_eq!(f.set("Day = \"2026-03-02\""), vec![2]);
    assert_eq!(f.set("Day != \"2026-03-02\""), vec![1, 3, 4, 5, 6, 7, 8]);
    assert_eq!(f.set("Day > \"2026-03-02\""), vec![3, 6, 7]);
    assert_eq!(f.set("Day < \"2026-03-01\""), vec![4, 5, 8]);
    assert_eq!(f.set("Day <= \"2026-03-01\""), vec![1, 4, 5, 8]);
    assert_eq!(f.set("Day >= \"2026-03-01\""), vec![1, 2, 3, 6, 7]);
    assert_eq!(f.set("Day = \"\""), vec![4]);
}

#[test]
fn facts_6_today_is_evaluated_in_the_users_time_zone() {
    let tokyo = date_app(Fixture::tokyo());
    assert_eq!(tokyo.set("Day = TODAY()"), vec![2]);
    assert_eq!(tokyo.set("Day = NOW()"), vec![2]);
    assert_eq!(tokyo.set("Day = YESTERDAY()"), vec![1]);
    assert_eq!(tokyo.set("Day = TOMORROW()"), vec![3]);
    assert_eq!(tokyo.set("CalcDay = TODAY()"), vec![2]);
    let utc = date_app(Fixture::new());
    assert_eq!(utc.set("Day = TODAY()"), vec![1]);
    assert_eq!(utc.set("Day = TOMORROW()"), vec![2]);
}

#[test]
fn facts_6_comparisons_with_date_functions() {
    let f = date_app(Fixture::tokyo());
    assert_eq!(f.set("Day < TODAY()"), vec![1, 4, 5, 8]);
    assert_eq!(f.set("Day >= TODAY()"), vec![2, 3, 6, 7]);
    assert_eq!(f.set("Day != TODAY()"), vec![1, 3, 4, 5, 6, 7, 8]);
    assert_eq!(f.set("Day = FROM_TODAY(-2, DAYS)"), vec![5]);
    assert_eq!(f.set("Day = FROM_TODAY(29, DAYS)"), vec![7]);
    assert_eq!(f.set("Day = FROM_TODAY(1, WEEKS)"), Vec::<u64>::new());
    assert_eq!(f.set("Day <= FROM_TODAY(-1, MONTHS)"), vec![4, 8]);
    assert_eq!(
        f.set("Day > FROM_TODAY(-1, YEARS)"),
        vec![1, 2, 3, 5, 6, 7, 8]
    );
}

#[test]
fn facts_6_week_functions_sunday_start() {
    let f = date_app(Fixture::tokyo());
    assert_eq!(f.set("Day = THIS_WEEK()"), vec![1, 2, 3]);
    assert_eq!(f.set("Day = THIS_WEEK(MONDAY)"), vec![2]);
    assert_eq!(f.set("Day = THIS_WEEK(SUNDAY)"), vec![1]);
    assert_eq!(f.set("Day > THIS_WEEK()"), vec![6, 7]);
    assert_eq!(f.set("Day < THIS_WEEK()"), vec![4, 5, 8]);
    assert_eq!(f.set("Day >= THIS_WEEK()"), vec![1, 2, 3, 6, 7]);
    assert_eq!(f.set("Day <= THIS_WEEK()"), vec![1, 2, 3, 4, 5, 8]);
    assert_eq!(f.set("Day = LAST_WEEK()"), vec![5]);
    assert_eq!(f.set("Day = LAST_WEEK(SATURDAY)"), vec![5]);
    assert_eq!(f.set("Day = NEXT_WEEK(SUNDAY)"), vec![6]);
}

#[test]
fn facts_6_month_and_year_functions() {
    let f = date_app(Fixture::tokyo());
    assert_eq!(f.set("Day = THIS_MONTH()"), vec![1, 2, 3, 6, 7]);
    assert_eq!(f.set("Day = THIS_MONTH(2)"), vec![2]);
    assert_eq!(f.set("Day = THIS_MONTH(LAST)"), vec![7]);
    assert_eq!(f.set("Day < THIS_MONTH()"), vec![4, 5, 8]);
    assert_eq!(f.set("Day > THIS_MONTH(8)"), vec![7]);
    assert_eq!(f.set("Day = LAST_MONTH()"), vec![5]);
    assert_eq!(f.set("Day = LAST_MONTH(LAST)"), vec![5]);
    assert_eq!(f.set("Day = NEXT_MONTH()"), Vec::<u64>::new());
    assert_eq!(f.set("Day = THIS_YEAR()"), vec![1, 2, 3, 5, 6, 7]);
    assert_eq!(f.set("Day = LAST_YEAR()"), vec![8]);
    assert_eq!(f.set("Day <= THIS_YEAR()"), vec![1, 2, 3, 4, 5, 6, 7, 8]);
    assert_eq!(f.set("Day > LAST_YEAR()"), vec![1, 2, 3, 5, 6, 7]);
    assert_eq!(f.set("Day >= NEXT_YEAR()"), Vec::<u64>::new());
}

fn datetime_app(mut f: Fixture) -> Fixture {
    for (id, at) in [
        (1, "2026-03-01T14:59:00Z"), // Tokyo 03-01 23:59
        (2, "2026-03-01T15:00:00Z"), // Tokyo 03-02 00:00
        (3, "2026-03-01T23:30:00Z"), // now
        (4, ""),
        (5, "2026-03-02T14:59:00Z"), // Tokyo 03-02 23:59
        (6, "2026-03-02T15:00:00Z"), // Tokyo 03-03 00:00
    ] {
        f.add(
            id,
            &[
                ("When", text(at)),
                ("Created", text(at)),
                ("Updated", text(at)),
            ],
        );
    }
    f
}

#[test]
fn facts_6_date_literal_on_datetime_means_the_whole_day_in_the_time_zone() {
    let tokyo = datetime_app(Fixture::tokyo());
    assert_eq!(tokyo.set("When = \"2026-03-02\""), vec![2, 3, 5]);
    assert_eq!(tokyo.set("When != \"2026-03-02\""), vec![1, 4, 6]);
    assert_eq!(tokyo.set("When > \"2026-03-02\""), vec![6]);
    assert_eq!(tokyo.set("When < \"2026-03-02\""), vec![1, 4]);
    assert_eq!(tokyo.set("When >= \"2026-03-02\""), vec![2, 3, 5, 6]);
    assert_eq!(tokyo.set("When <= \"2026-03-02\""), vec![1, 2, 3, 4, 5]);
    let utc = datetime_app(Fixture::new());
    assert_eq!(utc.set("When = \"2026-03-02\""), vec![5, 6]);
    assert_eq!(utc.set("When = \"2026-03-01\""), vec![1, 2, 3]);
}

#[test]
fn facts_6_datetime_literals_with_zones_compare_instants() {
    let f = datetime_app(Fixture::tokyo());
    assert_eq!(f.set("When = \"2026-03-01T23:30:00Z\""), vec![3]);
    assert_eq!(f.set("When = \"2026-03-02T08:30:00+09:00\""), vec![3]);
    assert_eq!(f.set("When = \"2026-03-02T08:30:00+0900\""), vec![3]);
    // [assumed] A literal without a zone is local time.
    assert_eq!(f.set("When = \"2026-03-02T08:30:00\""), vec![3]);
    // [assumed] Seconds in a literal denote its minute (values have none).
    assert_eq!(f.set("When = \"2026-03-01T23:30:45Z\""), vec![3]);
    assert_eq!(f.set("When > \"2026-03-01T15:00:00Z\""), vec![3, 5, 6]);
    assert_eq!(f.set("When < \"2026-03-01T15:00:00Z\""), vec![1, 4]);
    assert_eq!(f.set("When <= \"2026-03-01T15:00:00Z\""), vec![1, 2, 4]);
    assert_eq!(f.set("When = \"\""), vec![4]);
}

#[test]
fn facts_6_functions_on_datetime_fields_in_tokyo() {
    let mut f = datetime_app(Fixture::tokyo());
    for field in ["When", "Created", "Updated"] {
        let q = |cond: &str| f.set(&format!("{field} {cond}"));
        assert_eq!(q("= TODAY()"), vec![2, 3, 5], "{field}");
        assert_eq!(q("= YESTERDAY()"), vec![1], "{field}");
        assert_eq!(q("> TODAY()"), vec![6], "{field}");
        assert_eq!(q("< TODAY()"), vec![1, 4], "{field}");
        assert_eq!(q("= THIS_WEEK()"), vec![1, 2, 3, 5, 6], "{field}");
        assert_eq!(q("< THIS_WEEK()"), vec![4], "{field}");
        assert_eq!(q("= THIS_MONTH(1)"), vec![1], "{field}");
        assert_eq!(q("= NOW()"), vec![3], "{field}");
        assert_eq!(q("> NOW()"), vec![5, 6], "{field}");
        assert_eq!(q("<= NOW()"), vec![1, 2, 3, 4], "{field}");
    }
    // NOW() has minute precision: 42 seconds later it is still that minute.
    f.now += chrono::Duration::seconds(42);
    assert_eq!(f.set("When = NOW()"), vec![3]);
    f.now += chrono::Duration::seconds(60);
    assert_eq!(f.set("When = NOW()"), Vec::<u64>::new());
    assert_eq!(f.set("When < NOW()"), vec![1, 2, 3, 4]);
}

#[test]
fn facts_6_time_fields_compare_times_blank_first() {
    let mut f = Fixture::new();
    f.add(1, &[("At", text("09:00"))])
        .add(2, &[("At", text(""))])
        .add(3, &[("At", text("23:59"))])
        .add(4, &[("At", text("00:00"))]);
    assert_eq!(f.set("At < \"09:00\""), vec![2, 4]);
    assert_eq!(f.set("At >= \"09:00\""), vec![1, 3]);
    assert_eq!(f.set("At = \"09:00\""), vec![1]);
    assert_eq!(f.set("At = \"09:00:30\""), vec![1]);
    assert_eq!(f.set("At != \"09:00\""), vec![2, 3, 4]);
    assert_eq!(f.set("At > \"00:00\""), vec![1, 3]);
    assert_eq!(f.ids("order by At asc"), vec![2, 4, 1, 3]);
}
