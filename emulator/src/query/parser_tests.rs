use super::*;
use crate::query::lexer::CmpOp;

fn pred(field: &str, op: Op, values: Vec<Literal>) -> Cond {
    Cond::Pred(Pred {
        field: field.into(),
        op,
        values,
    })
}

fn num(s: &str) -> Literal {
    Literal::Number(s.into())
}

fn text(s: &str) -> Literal {
    Literal::Str(s.into())
}

fn cond(q: &str) -> Cond {
    parse(q).unwrap().cond.unwrap()
}

#[test]
fn empty_query_selects_everything() {
    for q in ["", "   ", "\n"] {
        let parsed = parse(q).unwrap();
        assert_eq!(parsed.cond, None);
        assert!(parsed.order.is_empty());
        assert_eq!((parsed.limit, parsed.offset), (None, None));
    }
}

#[test]
fn every_operator_form() {
    let cmp = |q: &str, op: CmpOp| {
        assert_eq!(cond(q), pred("A", Op::Cmp(op), vec![num("1")]), "{q}");
    };
    cmp("A = 1", CmpOp::Eq);
    cmp("A != 1", CmpOp::Ne);
    cmp("A > 1", CmpOp::Gt);
    cmp("A < 1", CmpOp::Lt);
    cmp("A >= 1", CmpOp::Ge);
    cmp("A <= 1", CmpOp::Le);
    assert_eq!(
        cond("A in (1, \"2\")"),
        pred("A", Op::In, vec![num("1"), text("2")])
    );
    assert_eq!(
        cond("A not in (\"x\")"),
        pred("A", Op::NotIn, vec![text("x")])
    );
    assert_eq!(cond("A like \"x\""), pred("A", Op::Like, vec![text("x")]));
    assert_eq!(
        cond("A not like \"x\""),
        pred("A", Op::NotLike, vec![text("x")])
    );
    assert_eq!(cond("A is empty"), pred("A", Op::IsEmpty, vec![]));
    assert_eq!(cond("A is not empty"), pred("A", Op::IsNotEmpty, vec![]));
}

#[test]
fn facts_6_keywords_are_case_insensitive_field_codes_are_not() {
    assert_eq!(
        cond("a IN (1) AND B NOT LIKE \"x\" Or c IS NOT EMPTY"),
        Cond::Or(vec![
            Cond::And(vec![
                pred("a", Op::In, vec![num("1")]),
                pred("B", Op::NotLike, vec![text("x")]),
            ]),
            pred("c", Op::IsNotEmpty, vec![]),
        ])
    );
}

#[test]
fn facts_6_and_binds_tighter_than_or() {
    assert_eq!(
        cond("A = 1 or B = 2 and C = 3"),
        Cond::Or(vec![
            pred("A", Op::Cmp(CmpOp::Eq), vec![num("1")]),
            Cond::And(vec![
                pred("B", Op::Cmp(CmpOp::Eq), vec![num("2")]),
                pred("C", Op::Cmp(CmpOp::Eq), vec![num("3")]),
            ]),
        ])
    );
    assert_eq!(
        cond("(A = 1 or B = 2) and C = 3"),
        Cond::And(vec![
            Cond::Or(vec![
                pred("A", Op::Cmp(CmpOp::Eq), vec![num("1")]),
                pred("B", Op::Cmp(CmpOp::Eq), vec![num("2")]),
            ]),
            pred("C", Op::Cmp(CmpOp::Eq), vec![num("3")]),
        ])
    );
}

#[test]
fn facts_6_numbers_bare_negative_and_long() {
    let long = "123456789012345678901234567890.5";
    assert_eq!(
        cond(&format!("A > -{long}")),
        pred("A", Op::Cmp(CmpOp::Gt), vec![num(&format!("-{long}"))])
    );
    for bad in [
        "A = 1.", "A = .5", "A = 1e5", "A = --1", "A = abc", "A = +1",
    ] {
        assert!(parse(bad).is_err(), "{bad}");
    }
}

#[test]
fn facts_6_functions_as_values() {
    assert_eq!(
        cond("U in (LOGINUSER(), \"sato\")"),
        pred(
            "U",
            Op::In,
            vec![Literal::Func(Func::LoginUser), text("sato")]
        )
    );
    assert_eq!(
        cond("D >= FROM_TODAY(-7, DAYS)"),
        pred(
            "D",
            Op::Cmp(CmpOp::Ge),
            vec![Literal::Func(
                Func::from_call("FROM_TODAY", &["-7".into(), "DAYS".into()]).unwrap()
            )]
        )
    );
    assert!(parse("D = THIS_MONTH(LAST)").is_ok());
    assert!(parse("D = THIS_WEEK(MONDAY)").is_ok());
    assert!(parse("D = TODAY(").is_err());
    assert!(parse("D = TODAY(1)").is_err());
    assert!(parse("D = FROM_TODAY(1 DAYS)").is_err());
    assert!(parse("D = NOPE()").is_err());
}

#[test]
fn facts_6_options_in_order() {
    let q = parse("A = 1 order by B asc, $id desc, C limit 20 offset 40").unwrap();
    assert_eq!(
        q.order,
        vec![
            OrderKey {
                field: "B".into(),
                descending: false
            },
            OrderKey {
                field: "$id".into(),
                descending: true
            },
            OrderKey {
                field: "C".into(),
                descending: true
            },
        ]
    );
    assert_eq!((q.limit, q.offset), (Some(20), Some(40)));
    let only = parse("ORDER BY $id ASC LIMIT 5").unwrap();
    assert_eq!(only.cond, None);
    assert_eq!(only.limit, Some(5));
    assert_eq!(parse("offset 3").unwrap().offset, Some(3));
}

#[test]
fn facts_6_options_out_of_order_or_twice_are_syntax_errors() {
    for bad in [
        "A = 1 offset 1 limit 1",
        "limit 100 offset 100 order by $id desc",
        "A = 1 limit 1 limit 2",
        "A = 1 order by A asc order by B asc",
        "A = 1 limit -1",
        "A = 1 limit 1.5",
        "A = 1 limit \"5\"",
        "A = 1 order by",
        "A = 1 order A",
    ] {
        assert!(parse(bad).is_err(), "{bad}");
    }
}

#[test]
fn a_field_may_be_called_like_an_option() {
    assert_eq!(
        cond("limit = 5"),
        pred("limit", Op::Cmp(CmpOp::Eq), vec![num("5")])
    );
}

#[test]
fn huge_limit_saturates_instead_of_failing() {
    assert_eq!(
        parse("limit 99999999999999999999999").unwrap().limit,
        Some(u64::MAX)
    );
}

#[test]
fn syntax_errors() {
    for bad in [
        "A",
        "A =",
        "A = 1 and",
        "A = 1 B = 2",
        "(A = 1",
        "A = 1)",
        "A in ()",
        "A in 1",
        "A in (1,)",
        "A not = 1",
        "A is null",
        "A is not",
        "A like x",
        "A like 5",
        "= 1",
        "A = 'x'",
        "A == 1",
        "A <> 1",
        "not A = 1",
    ] {
        assert!(parse(bad).is_err(), "{bad}");
    }
}

#[test]
fn syntax_error_names_the_position() {
    let e = parse("A = 1 B = 2").unwrap_err();
    assert_eq!(e.at, 6);
    assert!(e.message.contains("\"B\""), "{}", e.message);
}
