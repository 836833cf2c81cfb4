//! Numbers, `$id`, record numbers, and blanks as the minimum (facts §6).

use super::*;

fn number_app() -> Fixture {
    let mut f = Fixture::new();
    f.add(1, &[("Amount", text("-10")), ("Total", text("-10"))])
        .add(2, &[("Amount", text("0")), ("Total", text("0"))])
        .add(3, &[("Amount", text("99.5")), ("Total", text("99.5"))])
        .add(4, &[("Amount", text("100")), ("Total", text("100"))])
        .add(5, &[("Amount", text("")), ("Total", text(""))])
        .add(
            6,
            &[
                ("Amount", text("123456789012345678901234567890.5")),
                ("Total", text("123456789012345678901234567890.5")),
            ],
        );
    f
}

#[test]
fn facts_6_blank_number_behaves_as_the_minimum() {
    let f = number_app();
    for field in ["Amount", "Total"] {
        let q = |cond: &str| f.set(&format!("{field} {cond}"));
        assert_eq!(q("< 100"), vec![1, 2, 3, 5], "{field}");
        assert_eq!(q("<= -10"), vec![1, 5], "{field}");
        assert_eq!(q(">= -5"), vec![2, 3, 4, 6], "{field}");
        assert_eq!(q("> -1000"), vec![1, 2, 3, 4, 6], "{field}");
        assert_eq!(q("= 0"), vec![2], "{field}");
        assert_eq!(q("!= 0"), vec![1, 3, 4, 5, 6], "{field}");
        assert_eq!(q("in (0, 100)"), vec![2, 4], "{field}");
        assert_eq!(q("not in (0, 100)"), vec![1, 3, 5, 6], "{field}");
    }
}

#[test]
fn facts_6_blank_literal_selects_blank_numbers() {
    let f = number_app();
    assert_eq!(f.set("Amount = \"\""), vec![5]);
    assert_eq!(f.set("Amount != \"\""), vec![1, 2, 3, 4, 6]);
    assert_eq!(f.set("Amount in (\"\", 0)"), vec![2, 5]);
}

#[test]
fn facts_6_numbers_compare_as_exact_decimals_with_30_digit_literals() {
    let f = number_app();
    assert_eq!(f.set("Amount > 123456789012345678901234567890"), vec![6]);
    assert_eq!(f.set("Amount = 123456789012345678901234567890.50"), vec![6]);
    assert_eq!(
        f.set("Amount < \"123456789012345678901234567890.49\""),
        vec![1, 2, 3, 4, 5]
    );
    assert_eq!(f.set("Amount = \"99.50\""), vec![3]);
    assert_eq!(f.set("Amount > 99.49999999999999999999"), vec![3, 4, 6]);
    assert_eq!(f.set("Amount = -10.0"), vec![1]);
}

#[test]
fn facts_6_numbers_may_be_quoted_or_bare() {
    let f = number_app();
    assert_eq!(f.set("Amount >= \"99.5\""), f.set("Amount >= 99.5"));
    assert_eq!(f.set("Amount = \"-10\""), vec![1]);
}

#[test]
fn facts_6_id_compares_numerically() {
    let mut f = Fixture::new();
    for id in [2, 9, 10, 100] {
        f.add(id, &[]);
    }
    assert_eq!(f.set("$id > 9"), vec![10, 100]);
    assert_eq!(f.set("$id >= \"10\""), vec![10, 100]);
    assert_eq!(f.set("$id < 10"), vec![2, 9]);
    assert_eq!(f.set("$id in (2, 100, 7)"), vec![2, 100]);
    assert_eq!(f.set("$id not in (2)"), vec![9, 10, 100]);
    assert_eq!(f.set("$id = 9.0"), vec![9]);
    assert_eq!(f.set("$id > 9.5"), vec![10, 100]);
    assert_eq!(f.set("$id != 10"), vec![2, 9, 100]);
}

#[test]
fn facts_8_record_number_with_app_code_compares_by_its_number() {
    let mut f = Fixture::new();
    f.add(3, &[("Rn", text("SUP-3"))])
        .add(20, &[("Rn", text("SUP-20"))])
        .add(100, &[("Rn", text("SUP-100"))]);
    assert_eq!(f.set("Rn > 10"), vec![20, 100]);
    assert_eq!(f.set("Rn >= \"SUP-20\""), vec![20, 100]);
    assert_eq!(f.set("Rn = \"SUP-3\""), vec![3]);
    assert_eq!(f.set("Rn in (3, 100)"), vec![3, 100]);
    assert_eq!(f.ids("order by Rn asc"), vec![3, 20, 100]);
}

#[test]
fn plain_record_numbers_compare_numerically() {
    let mut f = Fixture::new();
    f.add(9, &[("Rn", text("9"))])
        .add(10, &[("Rn", text("10"))]);
    assert_eq!(f.set("Rn < 10"), vec![9]);
    assert_eq!(f.ids("order by Rn desc"), vec![10, 9]);
}
