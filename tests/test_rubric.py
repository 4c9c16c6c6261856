"""The rubric: each check on small cases (typed, Whisper-style and recognizer-style
text), the data file's validation, and agreement with the labeled devset."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

from assistant.config import RubricOptions
from assistant.errors import BankError
from assistant.rubric import CHECK_IDS, closest_principle, evaluate, load_rules, transcript_from_text
from assistant.types import Question, Transcript, Word

ROOT = Path(__file__).resolve().parent.parent
BACKBONE = "have-backbone-disagree-and-commit"
SLUGS = (
    "customer-obsession", "ownership", "invent-and-simplify", "are-right-a-lot", "learn-and-be-curious",
    "hire-and-develop-the-best", "insist-on-the-highest-standards", "think-big", "bias-for-action", "frugality",
    "earn-trust", "dive-deep", BACKBONE, "deliver-results", "strive-to-be-earths-best-employer",
    "success-and-scale-bring-broad-responsibility",
)


def _report_module():
    spec = importlib.util.spec_from_file_location("rubric_report", ROOT / "scripts" / "rubric_report.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["rubric_report"] = module
    spec.loader.exec_module(module)
    return module


def grade(text: str, lp: str = "dive-deep", question: str = "Tell me about a time.", seconds: float | None = 90.0, tags=(), kind="question"):
    q = Question(text=question, lp=lp, tags=tuple(tags), kind=kind)
    return evaluate(transcript_from_text(text, seconds), q)


def status(text: str, check: str, **kw) -> str:
    return grade(text, **kw).checks[check].status


# A compact strong answer, recognizer style, reused by several tests.
STRONG = (
    "last year i noticed our checkout latency had drifted and nobody owned it so i took it on "
    "i traced the regression to a fraud call and i wrote a parallel path and i rolled it out behind a flag "
    "after the rollout mobile conversion went up by one point one percent worth about four million dollars a year "
    "i now segment latency by device whenever i look at a funnel"
)


# --------------------------------------------------------------------------- shape


def test_every_check_in_contract_order_with_metrics():
    ev = grade(STRONG)
    assert tuple(ev.checks) == CHECK_IDS
    assert all(c.status in ("pass", "warn", "fail", "n/a") for c in ev.checks.values())
    for key in ("words_per_minute", "fillers_per_minute", "i_count", "we_count", "longest_pause_s", "numbers_count"):
        assert key in ev.metrics
    assert ev.metrics["i_count"] >= 6 and ev.metrics["we_count"] == 0
    d = ev.to_dict()
    assert set(d["checks"]["length"]) == {"status", "message", "evidence"}


def test_empty_answer_does_not_crash():
    ev = evaluate(Transcript((), 0.0), Question("Tell me about a time.", "ownership"))
    assert tuple(ev.checks) == CHECK_IDS
    assert ev.checks["length"].status == "fail"
    assert ev.checks["pace"].status == "n/a"


# --------------------------------------------------------------------------- transcript_from_text


def test_text_spread_evenly_over_given_seconds():
    t = transcript_from_text("one two three four", 8.0)
    assert not t.duration_estimated and t.duration_seconds == 8.0
    assert [w.start for w in t.words] == [0.0, 2.0, 4.0, 6.0]
    assert all(w.end > w.start for w in t.words) and t.words[-1].end <= 8.0


def test_text_without_seconds_is_estimated_at_150_wpm():
    t = transcript_from_text(" ".join(["word"] * 150), None)
    assert t.duration_estimated and t.duration_seconds == pytest.approx(60.0)
    assert transcript_from_text("", None).words == ()


def test_estimated_duration_is_said_and_pace_pauses_are_na():
    ev = grade(STRONG, seconds=None)
    assert "estimated" in ev.checks["length"].message
    assert ev.checks["pace"].status == "n/a" and "estimated" in ev.checks["pace"].message
    assert ev.checks["pauses"].status == "n/a"
    assert ev.duration_estimated


# --------------------------------------------------------------------------- length


@pytest.mark.parametrize("seconds,expected", [(30, "fail"), (50, "warn"), (84, "pass"), (130, "warn"), (170, "fail")])
def test_length_bands_around_the_90_second_target(seconds, expected):
    ev = grade(STRONG, seconds=seconds)
    assert ev.checks["length"].status == expected
    if expected == "pass":
        assert ev.checks["length"].message == f"{seconds} s, inside the 90-second target"


def test_length_follows_the_configured_target():
    t = transcript_from_text(STRONG, 100.0)
    q = Question("Tell me about a time.", "dive-deep")
    assert evaluate(t, q, RubricOptions(target_seconds=60.0)).checks["length"].status == "warn"
    assert "60-second target" in evaluate(t, q, RubricOptions(target_seconds=60.0)).checks["length"].message


# --------------------------------------------------------------------------- i_vs_we


def test_we_dominated_story_fails_with_we_phrases_as_evidence():
    text = ("we had a slow pipeline so we decided to fix it we looked at the logs we found the problem "
            "we rewrote the tests and we shipped it and the build went from forty minutes to twelve")
    c = grade(text).checks["i_vs_we"]
    assert c.status == "fail"
    assert "unclear individual contribution" in c.message
    assert any(e.lower().startswith("we decided") for e in c.evidence)


def test_two_steps_of_ones_own_among_the_teams_many_is_a_thin_action():
    # guide: "A story full of 'we' is graded as 'unclear what they personally did'"
    text = ("I was the duty manager at a cinema, and our refunds took three weeks. I raised it with head office. Then we mapped "
            "the refund process, we built a new form, we trained the staff on it, we tested it on two sites and we rolled it "
            "out to every site. I checked the numbers every week. Refunds came down to two days and customers stopped complaining.")
    star = grade(text, lp="invent-and-simplify", seconds=40.0).checks["star"]
    assert star.status == "warn" and "team's" in star.message


def test_team_context_in_we_with_own_actions_in_i_passes():
    text = ("We were a team of four and we were busy with a migration. I took the duplicates. "
            "I pulled 500 messages, I traced them to restarts and I wrote an idempotency layer. "
            "Duplicates went from 3% to under 0.01%.")
    assert status(text, "i_vs_we") == "pass"


def test_comma_listed_verbs_count_for_the_speaker_but_not_hypotheticals():
    listed = grade("I wrote the vision doc, built a prototype, and ran it in shadow mode. Fraud losses dropped by 35%.")
    assert listed.metrics["i_action_count"] == 3
    hypo = grade("I would communicate the plan and set up metrics, then I would roll back if needed.")
    assert hypo.metrics["i_action_count"] == 0


# --------------------------------------------------------------------------- quantified_result


@pytest.mark.parametrize(
    "result",
    [
        "conversion went up by forty percent",
        "we saved two hundred thousand dollars a year",
        "latency dropped to one point four seconds",
        "mobile conversion lifted by 1.1%",
        "worth about $4.2M annualised",
        "which saved about $4 million a year",
        "p99 went from 1.4s back to 600 milliseconds",
        "complaints dropped for 12,000 customers",
        "failures went from eight a month to zero",
        "tickets dropped by about half",
    ],
)
def test_numbers_in_the_result_are_found_as_digits_or_words(result):
    text = f"i noticed the problem and i traced it and i fixed it myself and i tested it after the fix {result}"
    assert status(text, "quantified_result") == "pass", result


@pytest.mark.parametrize("phrase", ["one of them", "a two-way door", "a one on one", "in 2022", "no one"])
def test_idioms_and_years_are_not_quantities(phrase):
    ev = grade(f"i decided it was {phrase} and i moved on")
    assert ev.metrics["numbers_count"] == 0, phrase


def test_numbers_only_in_the_setup_warn_and_none_at_all_fail():
    setup_only = ("our team of five engineers was three weeks from a deadline when the job with 18 steps failed "
                  "i read the logs and i traced the step and i restored the index "
                  "after that the job was stable again and the finance team was happy")
    assert status(setup_only, "quantified_result") == "warn"
    none = "i read the logs and i traced it and i fixed it and in the end it worked and everyone was happy"
    assert status(none, "quantified_result") == "fail"


# --------------------------------------------------------------------------- business_impact


def test_engineering_metrics_only_fail_business_terms_pass():
    eng = ("i profiled the gateway and i found the cache bug and i patched it "
           "after the fix p99 latency went from two seconds to one hundred and eighty milliseconds and cpu dropped")
    c = grade(eng).checks["business_impact"]
    assert c.status == "fail" and "engineering metrics only" in c.message
    assert {"p99", "latency"} & {e.lower() for e in c.evidence}
    biz = eng + " and checkout conversion for mobile customers rose by two percent"
    assert status(biz, "business_impact") == "pass"


@pytest.mark.parametrize("text, lp, number", [
    # "three quarters of callers" had read as three quarters of a year: a duration, no result
    ("I ran the booking line at a physiotherapy clinic. Callers were waiting so long that many hung up before we "
     "answered. I listened to a week of call recordings myself and found that most calls were people rebooking. I built "
     "a text message link so patients could move their own appointment, and I trained all six receptionists on it. After "
     "the change three quarters of callers got through first time. Since then, whenever a queue grows, I listen to the "
     "calls before I change anything.", "customer-obsession", "three quarters"),
    # fresh47's phonics screening (dev): "to say i thought" read as a supposition ("say I was running a
    # warehouse"), and the class's score after it as what might have been
    ("i was a year one teacher and the new head brought in a phonics scheme i disagreed with because my own tracking "
     "showed the old approach worked for my class i kept teaching my way and i raised it at a governors meeting to say "
     "i thought it was a mistake and my class got eighty six percent in the screening that year against sixty nine "
     "percent across the school now i bring my tracking data to every meeting where a scheme is chosen",
     "have-backbone-disagree-and-commit", "eighty six percent"),
])
def test_a_result_number_read_for_what_it_is_is_the_quantified_result(text, lp, number):
    c = grade(text, lp=lp).checks["quantified_result"]
    assert c.status == "pass" and number in c.evidence


def test_money_said_again_without_its_currency_is_still_money():
    # fresh37's billing credit (dev): the amount is named with its currency when found, bare in the result
    text = ("i was the team lead for billing and the reconciliation was off every month so i dug into it and found we "
            "were applying the plan change credit twice and it came to about forty thousand dollars a year we were giving "
            "away i wrote the fix and a test for every plan change after the fix the reconciliation gap went to zero and we "
            "{} about {} a year now i always ask for the direction of an error not just the size")
    c = grade(text.format("recovered", "forty thousand")).checks["business_impact"]
    assert c.status == "pass" and "forty thousand a year" in c.evidence
    # a different bare number is no amount of money: the result is the reconciliation's own
    assert status(text.format("matched", "thirty thousand"), "business_impact") == "fail"
    # ... unless it is said as money moved: recovered, saved, paid
    assert status(text.format("recovered", "thirty thousand"), "business_impact") == "pass"


def test_a_result_told_only_as_a_forecast_is_a_result_but_not_a_quantified_one():
    # fresh59's biomass barn (dev): the change is made, its saving still to come; "itll" is "it will"
    text = ("i was a plant operator at a district heating scheme and we were buying dried wood chip which costs about a third "
            "more a tonne so i borrowed a spare fan from the stores rigged a heat exchanger off the return loop and dried "
            "one load of wet chip in the old barn myself and checked it with a moisture meter every day for a week and it "
            "burned without clinkering so i wrote it up and we went to buying the wet chip its only been going since may "
            "but the finance lady reckons itll save around forty thousand a year on fuel now before any big purchase i "
            "walk the site first and see what we already have")
    g = grade(text, lp="frugality")
    assert g.checks["quantified_result"].status == "warn"
    assert g.checks["star"].status == "pass"
    # a bare amount saved is money, whatever the story calls its currency
    assert g.checks["business_impact"].status == "pass" and "forty thousand a year" in g.checks["business_impact"].evidence


def test_a_result_felt_by_the_customer_is_a_result():
    # fresh62's audit deadline (dev): "we signed" is the team's step; what it did for the client is the result
    text = ("i was an audit senior and the client's bank had moved their covenant deadline so they needed signed accounts "
            "three weeks early so i went through the whole plan and cut out anything that wasnt needed and i rang the "
            "finance director myself and agreed a list with a date against each item and i sat in their office for most "
            "of those three weeks and we signed on the friday before the deadline so the bank {} and the client was {} "
            "now on every rushed job i agree the list of what we need on the first day")
    g = grade(text.format("extended the facility", "really relieved"), lp="deliver-results")
    assert g.checks["star"].status == "pass" and g.checks["business_impact"].status == "pass"
    assert grade(text.format("had a call", "there too"), lp="deliver-results").checks["star"].status == "fail"


def test_the_vendor_who_fixed_its_own_product_is_not_whom_the_work_served():
    # fresh62's document system and fresh59's bus feed (dev): "the vendor closed the ticket" read as a customer outcome
    text = ("i was the it analyst at an accounting practice and saving files hung for thirty seconds so i set up logging on "
            "two test machines myself and timed each step and found an add in re indexing the mailbox on every save so i "
            "wrote it up and sent the logs to the vendor and they pushed a fix in their next patch and after the patch "
            "the indexing calls went from four hundred a minute to none and cpu on the file server dropped by sixty "
            "percent and {} now i always ask which layer the slow bit lives in")
    assert status(text.format("the vendor closed the ticket"), "business_impact", lp="dive-deep") == "fail"
    assert status(text.format("our clients got their documents the same day again"), "business_impact", lp="dive-deep") == "pass"


def test_what_people_could_do_again_is_the_result():
    # fresh43's parcel lockers (dev): "the couriers were able to deliver again" opens the result, before the vendor's fix
    text = ("on a friday night a firmware update made our lockers report their doors open so the courier app refused to drop "
            "parcels and i turned off the door check for those lockers behind a flag and added a rule asking the courier "
            "for a photo instead and i rolled it out in forty minutes and the couriers {} and the weekend went "
            "smoothly after that the vendor fixed the firmware on the tuesday and i switched the flag back off since then "
            "whenever i take a risky call at night i write down how i will undo it")
    assert status(text.format("were able to deliver again"), "business_impact", lp="bias-for-action") == "pass"
    assert status(text.format("were told about it"), "business_impact", lp="bias-for-action") == "fail"


def test_a_saving_in_rupees_is_money():
    text = ("I was the IT executive at an accounting firm and a vendor had quoted for a workflow tool, so I built the "
            "onboarding form in the tools we already paid for, I tested it with the audit team for two weeks and I trained "
            "all the managers. It went live for all new clients in April and saved {} in the first year. Since then I check "
            "our existing licences before any new software request.")
    c = grade(text.format("₹18 lakh"), lp="frugality").checks["business_impact"]
    assert c.status == "pass" and "₹18 lakh" in c.evidence
    assert grade(text.format("₹18 lakh"), lp="frugality").checks["quantified_result"].status == "pass"


def test_another_amount_of_the_storys_money_said_bare_is_money():
    # fresh52-32 (blind): the loss named as a write-off, its currency said once, earlier
    text = ("I ran the lending desk at a building society, and I recommended raising our approval limit for self-employed "
            "applicants because the early repayment data looked good. I was wrong: that data only covered loans too young to "
            "go bad. Five months later our arrears report showed that group defaulting at nearly double the rate. We'd lent "
            "about four hundred thousand pounds on my recommendation, and we wrote off around {}. I raised it with the head "
            "of risk myself and reversed the limit the same week. I now ask how old the data is before I trust a trend.")
    kw = dict(lp="are-right-a-lot", question="Tell me about a time you made the wrong call and how you found out.", tags=("failure",))
    c = grade(text.format("sixty thousand"), **kw).checks["business_impact"]
    assert c.status == "pass" and "sixty thousand" in " ".join(c.evidence), c
    # a small bare number is no amount of money
    assert status(text.format("sixty of them"), "business_impact", **kw) == "fail"


# --------------------------------------------------------------------------- past_tense


def test_hypothetical_answer_fails_with_would_as_evidence():
    text = ("what i would do is first i would talk to the customer then i'd go back to my team "
            "and i would prioritize the fix and the customer would be happy")
    c = grade(text, lp="customer-obsession").checks["past_tense"]
    assert c.status == "fail"
    assert any("would" in e.lower() or "i'd" in e.lower() for e in c.evidence)


def test_next_time_i_would_in_a_reflection_is_fine():
    text = STRONG + " next time i would bring in a second owner earlier and if i did it again i would start sooner"
    assert status(text, "past_tense") == "pass"


def test_i_had_contraction_and_hedges_are_not_hypothetical():
    text = "I'd spent two weeks on it, so I would say I knew the data. I traced it, I fixed it, and errors fell by 40%."
    assert status(text, "past_tense") == "pass"


def test_real_story_that_keeps_drifting_into_would_warns():
    text = ("We were three weeks behind. I would usually re-plan everything and I would talk to every stakeholder. "
            "Here I split the work into milestones and I took the hardest table myself and I wrote the scripts. "
            "I would normally add a buffer. We finished four days late instead of three weeks.")
    assert status(text, "past_tense") == "warn"


# --------------------------------------------------------------------------- reflection


@pytest.mark.parametrize(
    "ending,expected",
    [
        ("i now review the support queue every friday", "pass"),
        ("since then i always ask whether a decision is reversible", "pass"),
        ("these days i always write the doc first", "pass"),
        ("i've started a list of orphaned systems", "pass"),
        ("i learned that communication is important", "fail"),
        ("it has been fine since then i learned that it is important to pick your battles", "fail"),
        ("and that was the end of the project", "warn"),
        # what the principle "really means", said instead of a change (fresh9, fresh11, fresh14, fresh15)
        ("i think the key with bias for action is to move fast on what you can undo", "fail"),
        ("i think that's what ownership really means", "fail"),
        ("i think thinking big is really about not being limited by how things are done now", "fail"),
        # a maxim or a trait for the change (fresh32's plant nursery, fresh33's travel site: dev)
        ("and since then i always try to think about the customers problem and not just the product", "fail"),
        ("i'm someone who cares about quality and i always try to leave the code better than i found it", "fail"),
        # a mindset for the change (fresh37's budgeting app, dev)
        ("i think a delay can be an opportunity and i try to see setbacks that way now", "fail"),
        # the ninth round (blind): the lesson said as what was taken from it, with a word inside "is important",
        # or as what it is about -- while a marked habit after the same opener is the change
        ("and i think what i took from it is that when a team really pulls together you can do anything", "fail"),
        ("and communication is just so important when you're up against it", "fail"),
        ("i think it's about always remembering who you're there for", "fail"),
        ("and what i took from it is that i always go and read the raw reviews myself now before we plan anything", "pass"),
    ],
)
def test_reflection_concrete_change_vs_generic_lesson(ending, expected):
    text = ("i noticed the export failing and i traced it to a lock and i moved the schedule "
            "and failures dropped from eight a month to zero " + ending)
    assert status(text, "reflection") == expected, ending


def test_every_time_in_a_step_told_in_the_past_is_no_reflection_and_hides_no_result():
    # fresh14's removals supervisor: the outcome after "... on the van every time" is the result
    text = ("Our biggest account, a relocation agency, had started sending work to a competitor after a damaged piano. "
            "I personally checked every job sheet for their moves the day before, and I made sure we had the right "
            "packing materials on the van every time. Over that autumn nothing was damaged. By Christmas the agency "
            "was sending us all of its moves again, and at the annual review they renewed the contract. "
            "I now send a same-day update to every corporate client after each move.")
    checks = grade(text, lp="earn-trust").checks
    assert checks["star"].status != "fail" and checks["business_impact"].status == "pass"
    assert checks["reflection"].status == "pass" and any("now" in e.lower() for e in checks["reflection"].evidence)
    # ... while "every time" said of how the candidate works now is the reflection
    habit = ("I checked every job sheet the day before and the agency renewed the contract. "
             "Every time a crew goes out now I ring the client the evening before.")
    assert status(habit, "reflection", lp="earn-trust") == "pass"


def test_a_result_within_a_month_said_as_a_share_is_found_and_quantified():
    # fresh14's market stall: "within a month" opens the outcome, "a fifth of our takings" is its number
    text = ("so i run a fruit and veg stall on a town market and a lot of people walked away when they didnt have cash "
            "so i bought a card reader for about thirty pounds and put a sign up on the front of the stall and within a "
            "month card payments were about a fifth of our takings especially with the younger customers")
    checks = grade(text, lp="think-big", seconds=None).checks
    assert checks["star"].status != "fail"
    assert checks["quantified_result"].status == "pass" and "fifth" in " ".join(checks["quantified_result"].evidence)
    assert checks["business_impact"].status == "pass"


def test_by_the_time_opens_the_result_and_how_long_it_took_is_not_its_number():
    text = ("I didn't think those children could wait three years for the catch-up programme. I set up a phonics group "
            "four days a week, I built the materials myself and I trained two parent volunteers. It took about two years "
            "before it really showed. By the time that class reached the top of the school, the children were confident "
            "readers. I now hand over a written tracking sheet for every child I've taught.")
    checks = grade(text, lp="ownership", seconds=None).checks
    assert checks["star"].status == "pass"
    assert checks["quantified_result"].status == "warn" and "how long" in checks["quantified_result"].message


def test_a_result_stated_first_then_the_story_is_the_result():
    # fresh16's bakery, fresh13's museum, fresh10's passport office: STAR told result-first
    text = ("The short version is that our complaints about allergen information went from about fifteen a month to one. "
            "I was the assistant manager at a bakery, and one Saturday a mother came back to the counter because nobody "
            "could tell her whether our seeded loaf was safe for her son. I went through every comment card from the "
            "previous six months, I rewrote the allergen sheet for all sixty-three products myself and I designed a "
            "shelf label with the allergens shown as icons. Since then, whenever we add a product, I write its label first.")
    checks = grade(text, lp="customer-obsession").checks
    assert checks["star"].status != "fail"
    assert checks["quantified_result"].status == "pass" and "fifteen" in " ".join(checks["quantified_result"].evidence)
    assert checks["business_impact"].status == "pass"
    # without the opener, the same numbers are the situation and the story has no result
    plain = text.replace("The short version is that our complaints", "Our complaints")
    assert grade(plain, lp="customer-obsession").checks["star"].status == "fail"
    # the sentence said first is read as the result's words like the later result is: money there,
    # beside a later result told in engineering terms only, is the business framing
    money_first = ("The short version is that it brought in an extra $40k a year. The folder kept jamming on long runs. "
                   "I timed every jam for two weeks, I found the feed rollers were worn and I changed them myself. "
                   "After that the jam rate fell from nine percent of runs to one. I now check the rollers every month.")
    assert grade(money_first, lp="frugality").checks["business_impact"].status == "pass"
    # fresh46's sixth-form college and parcel hub (fourth round, read once measured): the result said first and
    # named as the result right after it ("That's the result I'm proudest of", "thats the headline")
    named = ("Forty one of our forty four maths resit students passed in November, up from about a third the year before. "
             "That's the result I'm proudest of from my time as head of maths. The resit course had been drifting and "
             "attendance was around sixty percent. I gave every student a diagnostic paper in the first week, I rebuilt the "
             "scheme of work around the five weakest topics, I taught the largest group myself and I rang home for every student "
             "who missed a session. Since then I start every "
             "resit group with a diagnostic paper.")
    checks = grade(named, lp="deliver-results").checks
    assert checks["star"].status == "pass" and checks["quantified_result"].status == "pass"
    assert checks["business_impact"].status == "pass"
    spoken = ("so we hit ninety nine point two percent on time dispatch across the whole of peak um thats the headline so the "
              "context is i was a shift manager at a parcel hub and volumes went up by seventy percent i rebuilt the break "
              "rota i moved two of the agency pickers onto the new sorter and i ran a ten minute briefing at every shift "
              "start and now every peak i walk the floor at the start of each shift")
    assert grade(spoken, lp="deliver-results").checks["quantified_result"].status == "pass"
    # fresh76's test lead and night shift (blind): traced back to the story about to be told ("That came from ..."),
    # even when the result names what the candidate did ("the six engineers I hired")
    traced = ("All six test engineers I hired that year passed probation, and the defects our insurer customers found dropped "
              "from fourteen a quarter to five. That came from changing how we hired. I led the test team at an insurance "
              "software company. I wrote a ninety-minute exercise with three planted bugs, I wrote a scoring guide and I ran the "
              "first ten interviews myself. Since then I never sign off a hire without seeing the person do the actual work.")
    checks = grade(traced, lp="hire-and-develop-the-best").checks
    assert [checks[k].status for k in ("star", "quantified_result", "business_impact")] == ["pass"] * 3
    untraced = traced.replace("That came from changing how we hired. ", "")
    assert grade(untraced, lp="hire-and-develop-the-best").checks["quantified_result"].status == "warn"
    # fresh79's card services line (blind): "The short version:" with no verb after it
    short = ("The short version: our handle time dropped by about forty seconds a call and fraud losses didn't move. I was a team "
             "lead on a bank's card line. I pulled our fraud referrals for the last quarter, I rewrote the call script myself and "
             "I trained my team on it. Since then I split the data by call type before I show it to anyone.")
    assert grade(short, lp="deliver-results").checks["quantified_result"].status == "pass"
    # fresh80's blood service (fifteenth round, blind): "That's the short version." said after the result names it; it is
    # not the opening of a result still to come
    donors = ("We finished that year with a hundred and ninety new donors signed up at the university sessions, against a "
              "target of a hundred and twenty, and about sixty percent of them came back for a second donation. That's the "
              "short version. I was a donor recruitment officer for a regional blood service. I got the sessions into the "
              "student unions' calendars, I recruited two students on each campus as donor reps, and I texted every "
              "first-time donor myself. What I do differently now, on any target, is track the number after the number "
              "from day one.")
    checks = grade(donors, lp="deliver-results", question="Tell me about a goal you exceeded.").checks
    assert checks["quantified_result"].status == "pass", checks["quantified_result"]
    assert checks["business_impact"].status == "pass", checks["business_impact"]


def test_steps_that_only_say_it_came_together_are_no_action():
    # fresh16's print works: a full situation and result, and an action with nothing to grade
    situation = ("I was a production supervisor at a print works and a client needed a quarter of a million leaflets "
                 "within four days while two of our operators were off sick. ")
    result = "In the end we delivered all two hundred and fifty thousand leaflets on time, a day early for six areas."
    vague = situation + "I made sure it all came together and I kept everyone focused on the deadline. " + result
    c = grade(vague, lp="deliver-results").checks["star"]
    assert c.status == "fail" and "came together" in " ".join(c.evidence).lower()
    real = situation + ("I moved two jobs to the night shift, I ran the folder myself and I found paper at a second "
                        "merchant. ") + result
    assert status(real, "star", lp="deliver-results") == "pass"


# --------------------------------------------------------------------------- self_driven


def test_a_producer_is_a_manager():
    # fresh36's console port (dev): a games studio's producer asked, asked again, and the lead decided
    text = ("Our console port kept failing certification. My producer asked me to take over the crash triage. I grouped the "
            "fifty-three crash reports by call stack and fixed the worst fifteen over four days. Then my producer asked me "
            "to run the submission checklist as well, and my producer told me to clear it with the platform holder. We "
            "passed on the third attempt and the game launched in November as planned.")
    assert status(text, "self_driven", lp="deliver-results") != "pass"


def test_a_team_leader_who_asks_decides_and_asks_again_drives_the_story():
    # fresh16's claims handler: every step was the team leader's
    text = ("My team leader asked me to look at the customer survey comments because our satisfaction score had dropped. "
            "She gave me the export and told me to group the comments into themes, so I read through four hundred of them. "
            "I took that back to her, and she decided we should send an update letter at each stage. She asked me to "
            "draft the letters, so I wrote four templates, and then she asked me to train the rest of the team.")
    c = grade(text, lp="customer-obsession").checks["self_driven"]
    assert c.status == "fail" and any("team leader" in e.lower() for e in c.evidence)


def test_manager_directed_counts():
    base = " i fixed the bug and i wrote tests and crashes dropped by two percent"
    assert status("i noticed the crashes myself" + base, "self_driven", lp="ownership") == "pass"
    assert status("my manager asked me to look at crashes" + base, "self_driven", lp="ownership") == "warn"
    assert status("my manager asked me to look at crashes but nobody owned the root cause so i took it on" + base,
                  "self_driven", lp="ownership") == "pass"
    c = grade("my manager asked me to look at crashes and my manager decided the scope" + base, lp="ownership").checks["self_driven"]
    assert c.status == "fail" and any("my manager" in e.lower() for e in c.evidence)


def test_an_ask_questioned_and_gone_past_is_taken_further():
    # fresh62's document system (dev): the manager's ask, the vendor's answer doubted, a layer further down
    text = ("i was the it support analyst at an accounting practice and saving client files would hang for thirty seconds "
            "my manager asked me to look into it and the vendor said it was our network {} so i set up logging on two "
            "test machines and timed each step of the save and the delay was all in an add in the vendor ships {} and "
            "found it was re indexing because their update had flipped a default so i sent the logs to the vendor and "
            "they pushed a fix and saving went from thirty seconds to under two now i always ask which layer the slow "
            "bit lives in before i accept anyones explanation")
    assert status(text.format("but i wasnt convinced", "then i went a layer further"), "self_driven", lp="dive-deep") == "pass"
    assert status(text.format("and that was that", "then i checked it"), "self_driven", lp="dive-deep") == "warn"


def test_what_a_principle_cannot_pass_without_counts_as_its_beat():
    # fresh62's life-sciences line (dev): the board sceptical, a line grown over three years -- a Think Big
    # story in plain words, read as the principle only touched
    text = ("I was an associate director in a commercial property agency, and three of our landlord clients had asked "
            "separately whether their empty floors could become lab space. I proposed that we build a life sciences "
            "advisory line. I called thirty spin-outs to size the demand and wrote a six-page paper. The board was "
            "{}, so I asked for a small start: me and one surveyor for twelve months. I did the first two deals "
            "myself. In the first year we earned six hundred thousand pounds in fees, and {} it grew to a team of "
            "seven. Now when I see the same odd question from three clients, I size it before I decide it is small.")
    assert status(text.format("skeptical", "over the next three years"), "lp_framing", lp="think-big") == "pass"
    assert status(text.format("happy", "by then"), "lp_framing", lp="think-big") != "pass"


def test_the_people_who_make_what_the_business_buys_are_beyond_it():
    # fresh62's hotel uniforms (dev): a supplier's factory workers weighed against a saving
    text = ("I was the procurement lead for a group of fourteen hotels and the lowest bid for staff uniforms was twenty two "
            "percent cheaper. Before I signed I paid for an independent audit of their main {}, and it found people doing "
            "seventy-hour weeks with {} held back as a deposit. I took the audit to the finance director and the COO and "
            "recommended we did not award to them. I gave them ninety days to fix it, and I told our incumbent I would "
            "extend if they closed half the gap. We stayed with the incumbent, saved thirty five thousand pounds instead "
            "of seventy, and added an audit clause to all our textile contracts. Now on any low-cost bid I ask who is "
            "making it, and how, before I look at the price.")
    lp = "success-and-scale-bring-broad-responsibility"
    assert status(text.format("factory", "wages"), "lp_framing", lp=lp) == "pass"
    assert status(text.format("office", "reports"), "lp_framing", lp=lp) == "fail"


def test_an_ask_said_as_a_question_or_a_suggestion_still_directs():
    # fresh62's nurse onboarding (dev): three beats of the manager's, none said "asked me to"
    text = ("i was a recruitment coordinator and my manager came to me and {} take on the onboarding for international "
            "nurses and she gave me the old checklist and {} focus first on the nurses already in the country so i went "
            "through all twenty three files and chased the nine that were stuck and then {} set up a weekly call with "
            "the ward managers and i ran it every tuesday and the time from arrival to the ward went from eleven weeks to "
            "six now i always ask for the handover notes in the first week")
    assert status(text.format("asked if i could", "she said to", "she suggested i"), "self_driven", lp="ownership") == "fail"
    assert status(text.format("mentioned we had to", "i chose to", "i decided to"), "self_driven", lp="ownership") == "pass"


def test_a_colleagues_wrong_call_does_not_answer_for_the_candidates_own():
    # fresh62's credit limits (dev): asked for the candidate's wrong call, told a colleague's the candidate caught
    text = ("I was a credit risk analyst at a card issuer. {} to launch a new limit model for all new applicants without a "
            "holdout group, because the back-test looked strong. Six weeks after launch I noticed early arrears running at "
            "2.9% against an expected 1.8%. I dug into it and found the back-test had been run in a year of very low "
            "unemployment. I raised it with my manager and put together an analysis by limit band, and we capped new "
            "limits at £4,000 while the model was recalibrated. Arrears came back to 1.9% within two quarters. Now I "
            "always insist on a holdout group.")
    q = "Tell me about a time you made the wrong call and how you found out."
    theirs = grade(text.format("A colleague on the modelling side had made the call"), lp="are-right-a-lot", question=q, tags=("failure",))
    assert theirs.checks["lp_framing"].status == "fail"
    mine = grade(text.format("I made the call").replace("I dug into it", "I was wrong to skip the holdout. I dug into it"),
                 lp="are-right-a-lot", question=q, tags=("failure",))
    assert mine.checks["lp_framing"].status == "pass"


def test_a_disagreement_held_for_ones_own_taste_only_touches_backbone():
    # fresh53's chalkboard, fresh55's paper rota and fresh58's BI tool (dev)
    text = ("at the leisure centre where i was duty manager the centre manager wanted to move the staff rota {} and i held "
            "my position because a lot of the casual staff didnt look at their phones at work and {} so he pushed for a "
            "month and i showed him the missed shifts for the last quarter and in the end he let us run both and missed "
            "shifts went down from six a month to four now i bring the numbers before i argue")
    lp = "have-backbone-disagree-and-commit"
    assert status(text.format("from the paper sheet on the wall to an app", "honestly i just found the paper easier"),
                  "lp_framing", lp=lp) == "warn"
    assert status(text.format("to twelve hour shifts", "two of them had been injured on long shifts"),
                  "lp_framing", lp=lp) == "pass"


def test_the_opposite_told_at_length_answers_another_question():
    # fresh53's bus depot and ticketing platform (dev): every risk removed before moving, asked for a calculated risk;
    # more of everything bought, asked for delivering with limited resources
    risk = ("As operations manager at a bus depot I had a proposal to move early drivers onto split shifts. {} I set up a "
            "working group with the union rep and two drivers{}, and I put it live on one route first. Lost mileage went "
            "from four percent to under one, and passengers on the early runs rose fifteen percent. Now I bring the union "
            "rep in from the first meeting.")
    q = "Tell me about a time you took a calculated risk."
    assert status(risk.format("I didn't want to gamble with it, so I took it slowly.",
                              " and we spent three months consulting, then a six-week paper trial"),
                  "lp_framing", lp="bias-for-action", question=q) == "fail"
    assert status(risk.format("It was a risk: the union might object and reliability might dip, but waiting cost us the hospital runs.", ""),
                  "lp_framing", lp="bias-for-action", question=q) != "fail"
    spend = ("Our platform team was me and one other engineer, and a festival sale was coming at ten times our traffic. "
             "{} On the day the site held up: we sold 42,000 tickets in ninety minutes and the festival renewed for three "
             "years. Now I load test a month before any big on-sale.")
    q = "Tell me about a time you delivered with limited resources."
    assert status(spend.format("I made the case for more resources. I moved our database to the largest instance tier, "
                               "tripled the number of application servers and brought in two contractors for three weeks."),
                  "lp_framing", lp="frugality", question=q) == "fail"


def test_a_decision_held_against_the_new_data_does_not_answer_a_reversal_prompt():
    # fresh53's island ferry (dev): asked for a decision reversed, told one held ("i didn't change my mind")
    text = ("i was duty port manager on a short island crossing and one winter afternoon the forecast showed gusts of forty "
            "five knots and the usual call would be to cancel the last two sailings i looked at the wind direction and "
            "the tide and decided we'd keep running and the coastguard update at half four was slightly worse {} and "
            "a hundred and ten passengers got home that night the habit ive kept since is checking the tide tables "
            "before i make any cancellation call")
    q = "Tell me about a decision you reversed when new data emerged."
    held = "but i didn't change my mind i kept the sailings on and both of them ran on time"
    assert status(text.format(held), "lp_framing", lp="bias-for-action", question=q) == "fail"
    turned = "so i changed my mind and pulled the last sailing and ran the one before it early"
    assert status(text.format(turned), "lp_framing", lp="bias-for-action", question=q) != "fail"


def test_growth_beats_all_told_of_the_candidate_are_the_candidates_own_growth():
    # fresh53's exotic-animal clinic (dev): asked about a colleague's growth, told the candidate's certificate,
    # shadowing and promotion
    text = ("I'm a registered veterinary nurse, and our practice took on its first exotic-animal clinic. Nobody on the "
            "nursing team had any experience with reptiles or birds, so I volunteered. I did a twelve-week online "
            "certificate in my own evenings, then shadowed at a specialist referral hospital for four days. I ran the "
            "nursing side of the clinic every Wednesday, and it grew from six appointments a week to twenty-two. {} "
            "Every year now I take on one new certificate.")
    q = "Tell me about a time you helped a colleague grow."
    lp = "hire-and-develop-the-best"
    assert status(text.format("I was promoted to senior nurse the following spring."), "lp_framing", lp=lp, question=q) == "fail"
    assert status(text.format("I then had Priya shadow me every Wednesday, and by the spring she ran the clinic on her own."),
                  "lp_framing", lp=lp, question=q) == "pass"


def test_a_hiring_drive_that_lowered_the_bar_answers_another_question():
    # fresh58's mortgage processing (dev): asked to raise the bar on a hire, told interviews cut to one stage
    text = ("i was a team lead in mortgage processing and applications doubled so we needed twelve new case handlers by "
            "march {} i wrote the job ad i screened a hundred and forty cvs myself i ran thirty interviews in three "
            "weeks and twelve people started by march and the backlog came down from nine hundred cases to under three "
            "hundred now when i hire at speed i keep a shortlist from previous rounds")
    q = "Tell me about a time you raised the bar on a hire."
    lp = "hire-and-develop-the-best"
    low = "so i cut the interview process down from three stages to one and took people who could start straight away and"
    assert status(text.format(low), "lp_framing", lp=lp, question=q) == "fail"
    high = "and i added a case exercise scored against our five best handlers and"
    assert status(text.format(high), "lp_framing", lp=lp, question=q) != "fail"


def test_a_colleagues_hours_and_what_weighs_on_them_are_their_working_life():
    # fresh62's purchase ledger (dev): a struggling colleague's late nights and probation, his hours changed
    text = ("I was an accounts assistant at a car dealership group. One of my colleagues, Dev, started making mistakes{}. "
            "I asked him for a coffee, and he told me {}. I offered to take his supplier reconciliations for a month, and I "
            "went with him to our manager, who {}. His errors went from about fifteen a week to one or two. I now check in "
            "properly with anyone whose work suddenly changes.")
    q = "Tell me about a time you noticed a colleague was struggling and what you did about it."
    lp = "strive-to-be-earths-best-employer"
    his = text.format(" and staying until eight every night", "his dad had had a stroke and he was worried about his probation",
                      "moved him to seven till three")
    assert status(his, "lp_framing", lp=lp, question=q) == "pass"
    none = text.format("", "the new ledger codes confused him", "sent him the code list")
    assert status(none, "lp_framing", lp=lp, question=q) == "fail"


def test_a_colleague_back_to_normal_and_still_with_us_is_the_people_result():
    # fresh77's warehouse shift lead (fifteenth round's reading, blind): in a people story the colleague told back in her
    # own words is the result ("she's still with us"), not a missing customer
    q = "Tell me about a time you noticed a colleague was struggling and what you did about it."
    text = ("a picker on my shift started coming in late and her rate dropped so i took her aside on a break and she told me "
            "her mum was ill so i moved her onto the later start for six weeks and i covered the start of her shift myself "
            "{0} and now i check in with anyone whose rate suddenly drops")
    told = text.format("and she was back to normal after a bit and she's still with us")
    c = grade(told, lp="strive-to-be-earths-best-employer", question=q).checks["business_impact"]
    assert c.status == "pass", c.message
    assert status(text.format("and the floor was covered"), "business_impact", lp="strive-to-be-earths-best-employer",
                  question=q) == "fail"


def test_manager_deciding_is_the_other_side_in_a_backbone_story():
    text = ("my manager wanted to launch to everyone and i disagreed and my manager decided to go ahead "
            "i committed and i wrote the rollback script and the launch went fine")
    assert status(text, "self_driven", lp=BACKBONE) == "pass"


# --------------------------------------------------------------------------- star


def test_story_without_result_fails_and_thin_action_warns():
    no_result = ("on my team flaky tests were ignored so i went through three months of builds and i tagged each flaky test "
                 "i wrote a doc proposing a quarantine and i built the quarantine bot and i reviewed the list every monday")
    assert status(no_result, "star") == "fail"
    thin = "we had an outage and i restarted the service because it was fastest and it worked"
    assert status(thin, "star") == "warn"
    assert status(STRONG, "star") == "pass"


def test_work_handed_to_the_person_grown_is_the_growing_not_delegation():
    # fresh32's and fresh34's mentoring stories (dev): "I gave her the redesign to own", "I asked her to present it"
    lp, q = "hire-and-develop-the-best", "Tell me about a time you helped a colleague grow."
    grown = ("A new engineer on my team never spoke up in reviews. I gave her the small refund redesign to own end to end, "
             "I asked her to present it to the team herself, and I gave her written feedback after every review. I sat at "
             "the back while she presented. Within six months she was leading two reviews a week. I now give every new "
             "engineer one design they present themselves.")
    assert status(grown, "delegation", lp=lp, question=q) == "pass"
    # ... but development handed to someone else is still handed off
    handed = grown.replace("I gave her the small refund redesign to own end to end, I asked her to present it to the team "
                           "herself, and I gave her written feedback after every review.",
                           "I asked Sam to mentor her, I had Priya review her designs and I asked Tom to run her training.")
    assert status(handed, "delegation", lp=lp, question=q) != "pass"


def test_a_person_grown_in_confidence_is_a_people_storys_result():
    # fresh34's junior engineer (dev): "by the end of that quarter he was a lot more confident"
    story = ("A junior engineer on my team never spoke in design reviews. I gave him the refund service's retry logic to "
             "design himself, I went through his write-up with him twice and I sat next to him while he presented it. ")
    lp, q = "hire-and-develop-the-best", "Tell me about a time you helped a colleague grow."
    assert status(story, "business_impact", lp=lp, question=q) == "fail"
    grown = story + "Three months later he was a lot more confident in every review."
    assert status(grown, "business_impact", lp=lp, question=q) == "pass"
    # fresh46's parcel hub (fourth round, read once measured): the person grown moved on, "what went well" aside
    moved = ("A woman on the induct belt had never applied for anything. I gave her bits of my job, the break rota first, "
             "and after each one I told her what went well and what to change. I helped her with the application and did "
             "practice interviews with her. She got the job and she's doing really well.")
    assert status(moved, "star", lp=lp, question=q) == "pass"
    assert status(moved, "business_impact", lp=lp, question=q) == "pass"


@pytest.mark.parametrize(
    "result",
    [
        # fresh34's museum and fresh35's sales load (dev): the result against before, and what was missing given back
        "That year more schools used us than before, including the village schools we had been afraid of losing.",
        "The commercial team had every missing booking back by Tuesday lunchtime.",
    ],
)
def test_a_result_said_against_before_or_as_something_given_back_is_a_result(result):
    story = ("Our school visits budget was cut by a third. I trained two volunteers to run the handling sessions so I "
             "could run two groups at once, I rang the three village schools myself and I took the collection to them. ")
    assert status(story, "star", lp="frugality") == "fail"
    assert status(story + result, "star", lp="frugality") == "pass"


def test_a_result_said_as_were_down_about_a_number_is_measured():
    # fresh35's garden centre (dev): one more step came after the number, so only the words that open it find it
    text = ("My manager wanted to move the bedding plants to the back of the garden centre to make room for furniture, and I "
            "disagreed because bedding was about a quarter of our autumn sales. I showed him the till numbers from the last two "
            "autumns. He decided to move them anyway, so I committed: I put a bedding display by the tills and I worked the "
            "first three weekends on that section myself. Bedding sales that autumn were down about eight percent, not the "
            "thirty percent I had feared, and in spring I moved the display back and he thanked me. Since then I bring the "
            "till data to every layout meeting.")
    assert status(text, "quantified_result", lp=BACKBONE, question="Tell me about a time you disagreed with your manager.") == "pass"


# --------------------------------------------------------------------------- lp_framing


def test_customer_obsession_answer_without_a_customer_fails():
    text = ("I noticed our build took 45 minutes. I profiled it, I added a cache and I split the tests. "
            "Builds went from 45 minutes to 11 minutes. I now profile any slow tool.")
    assert status(text, "lp_framing", lp="customer-obsession") == "fail"
    assert status(text + " Our customers got fixes a day sooner and support tickets fell.", "lp_framing", lp="customer-obsession") == "pass"


def test_a_best_employer_answer_that_changes_nobodys_working_life_answers_a_different_question():
    # the bank asks what the candidate changed for the people on the team; a throughput drive told to it,
    # with "team", "staff" and "schedule" but nothing about their hours, safety or growth, is another story
    question = "Tell me about a time you made your team's working lives better."
    text = ("I ran the crews at a removals firm and the team was doing one move a day. I studied the schedule, I "
            "split the big jobs across two vans and I had the staff pre-pack the kitchens the evening before. Within a "
            "month each crew did two moves a day and revenue was up forty percent. I now plan every week's schedule "
            "around the longest job first.")
    result = grade(text, lp="strive-to-be-earths-best-employer", question=question).checks["lp_framing"]
    assert result.status == "fail" and "working lives" in result.message
    better = text.replace("revenue was up forty percent", "nobody worked past six any more, so overtime fell by half")
    assert status(better, "lp_framing", lp="strive-to-be-earths-best-employer", question=question) == "pass"
    # fresh33's portal launch: the lead's own weekend and a supplier's contract are nobody's working life
    portal = ("I led six engineers on a customer portal that had to launch before the old supplier's contract ran out. I "
              "planned the sprints, I took the riskiest integration myself and I built a caching layer over a weekend. "
              "We launched two days early and calls about bills fell by eighteen percent. The team was proud of it. I "
              "now take the riskiest integration myself on every project.")
    assert status(portal, "lp_framing", lp="strive-to-be-earths-best-employer", question=question) == "fail"
    # fresh42's CRM vendor (third round, read once measured): a customer's onboarding is the product, a new starter's is a working life
    product = ("My team owned the onboarding flow for new customer accounts, and a third of trials never finished setup. I sat "
               "in on twenty onboarding calls, I rewrote the import step myself and I cut the setup from nine screens to four. "
               "Trial completion went from sixty six percent to eighty four percent and the team was proud of it. I now watch "
               "five customers use a flow before my team changes it.")
    assert status(product, "lp_framing", lp="strive-to-be-earths-best-employer", question=question) == "fail"
    starters = product.replace("I sat in on twenty onboarding calls", "I gave every new starter an onboarding buddy")
    assert status(starters, "lp_framing", lp="strive-to-be-earths-best-employer", question=question) == "pass"


def test_a_think_big_idea_told_small_only_touches_the_principle():
    # "a time your idea was bigger than the team thought possible": one market stall's card reader, told
    # with "big" and "every", is a good local fix; the same step for a whole market is the idea
    question = "Tell me about a time your idea was bigger than the team thought possible."
    text = ("I helped my aunt run a cheese stall at a Saturday market and we only took cash. I thought it was a big "
            "missed chance, so I proposed a card reader. I compared three readers, I bought one for thirty pounds and I "
            "put a sign on every side of the stall. Card payments became about a fifth of our takings within two months, "
            "and takings rose by twelve percent. Now I ask customers how they want to pay before I change anything.")
    result = grade(text, lp="think-big", question=question).checks["lp_framing"]
    assert result.status == "warn" and "told small" in result.message
    bigger = text.replace("so I proposed a card reader.", "so I proposed card readers for the whole market, all forty stalls, on one shared account.")
    assert status(bigger, "lp_framing", lp="think-big", question=question) == "pass"
    # fresh34's housing repairs: "far better" than the plan on the table, rolled out "across the whole stock"
    stock = text.replace("so I proposed a card reader.", "so I proposed something far better than the plan on the table, and we went across the whole stock.")
    assert status(stock, "lp_framing", lp="think-big", question=question) == "pass"
    # fresh76's virtual ward (blind): a horizon said as a count of years ("a two-year bet", "by the end of year two"),
    # not a school year ("the other two Year 10 teachers")
    horizon = text.replace("so I proposed a card reader.", "so I proposed a two-year bet on card payments.")
    assert status(horizon, "lp_framing", lp="think-big", question=question) == "pass"
    school = text.replace("so I proposed a card reader.", "so I proposed a card reader, like the other two Year 10 teachers' stalls.")
    assert status(school, "lp_framing", lp="think-big", question=question) == "warn"


def test_a_scale_answer_read_as_traffic_with_nobody_beyond_the_business_answers_a_different_question():
    # "beyond the company": Black Friday's traffic on the checkout is the team's own goal, not a wider responsibility
    question = "Tell me about a time the scale of your work created a responsibility beyond your team's own goals."
    text = ("At our scale Black Friday traffic was ten times a normal day, and the responsibility for keeping checkout "
            "up was mine. I load tested the payment path, I found the connection pool ran out at six times normal, and "
            "I doubled it and added a queue. On the day checkout stayed up and we took eleven million pounds. I now load "
            "test every peak at twelve times normal.")
    result = grade(text, lp="success-and-scale-bring-broad-responsibility", question=question).checks["lp_framing"]
    assert result.status == "fail" and "beyond the business" in result.message
    wider = text.replace("and I doubled it", "and I moved the batch jobs off the night so the local data centre's "
                         "carbon footprint did not spike, and I doubled it")
    assert status(wider, "lp_framing", lp="success-and-scale-bring-broad-responsibility", question=question) == "pass"
    # a road's traffic is someone beyond the business (the phrase had a space inside one alternative)
    road = text.replace("and I doubled it", "and I moved our delivery vans' loading to the night so the traffic past the "
                        "primary school at drop-off fell, and I doubled it")
    assert status(road, "lp_framing", lp="success-and-scale-bring-broad-responsibility", question=question) == "pass"
    # fresh46's payroll software (fourth round, read once measured): the customers' own workers are beyond the business
    workers = ("Our payroll software was in effect paying sixty thousand workers who had never chosen us. I noticed holiday "
               "pay for irregular hours was still averaged over twelve weeks after the rules changed, so their staff were "
               "being underpaid. At our size almost every employer used our defaults, so the responsibility was ours. I built the "
               "corrected calculation as the default and a back-pay report for every employer. "
               "Within three months nine thousand workers received back pay. I now ask who is on the other end of our defaults.")
    assert status(workers, "lp_framing", lp="success-and-scale-bring-broad-responsibility", question=question) == "pass"
    # fresh82's courier app (fifteenth round, blind): the hospital whose ambulance bay the couriers blocked is beyond it
    ambulance = text.replace("and I doubled it", "and I saw our couriers were waiting in the entrance to a hospital's "
                             "ambulance bay, so I added an exclusion buffer to the map, and I doubled it")
    assert status(ambulance, "lp_framing", lp="success-and-scale-bring-broad-responsibility", question=question) == "pass"


def test_customers_named_by_what_only_customers_do_are_the_customer_obsession_beat():
    # fresh45's cider maker and food-delivery app (fourth round, read once measured): landlords and their regulars,
    # refunds and repeat orders say who the work was for
    question = "Tell me about a time you used customer feedback to improve a product."
    cider = ("Most of our draught went to sixty free houses. Over one winter three landlords mentioned that the last pints "
             "from a box tasted flat, and a pub shouldn't have to pour away the end of a box to keep its regulars happy. I "
             "spent two evenings a week in those pubs listening to that feedback and tasting boxes of different ages, I "
             "trialled a ten-litre box and I "
             "offered it to every pub selling less than a box a fortnight. Within six months repeat orders from those pubs "
             "were up eighteen percent. Since then I taste the box that has been on longest on every visit.")
    assert status(cider, "lp_framing", lp="customer-obsession", question=question) == "pass"
    # the same work told as the cellar's own, with nobody it was for, answers another question
    own = ("Our cider boxes went flat before they were finished. I tasted boxes of different ages for a month, I trialled a "
           "ten-litre box and I changed the cellar card so every box is dated. Within six months waste from flat boxes was "
           "down eighteen percent. Since then I taste the box that has been on longest every week.")
    assert status(own, "lp_framing", lp="customer-obsession", question=question) == "fail"
    # fresh81's coastal hotel (fifteenth round, blind): the guests named by the stay they came for, and by coming back
    q = "Tell me about a time you went above and beyond for a customer."
    couple = ("i manage a twenty room hotel by the coast and we had a couple in for their anniversary and the wife had a fall "
              "on the stairs so i moved them to our one ground floor room which meant giving up the booking i had on it and i "
              "drove her to the minor injuries unit myself and they've been back every year since four years now")
    assert status(couple, "lp_framing", lp="customer-obsession", question=q) == "pass"
    rooms = ("i manage a twenty room hotel by the coast and one of the stairs was loose so i moved the linen store to the "
             "ground floor which meant giving up a room and i drove the joiner in myself and the stairs have been fine since")
    assert status(rooms, "lp_framing", lp="customer-obsession", question=q) == "fail"


INCOMPLETE_INFO = "Tell me about a time you moved forward despite incomplete information."
SIMPLIFIED = "Tell me about a time you simplified a complex process."


# Asked to move on incomplete information, the candidate waited for the full picture;
# asked to simplify, they added a stage, a form and a visit.  Both stories use plenty of
# the principle's words (a trial, a decision, an approval; a design, a form, a tool), so
# only the opposite told at length shows a different question answered.  The real thing
# (acting on a step that can be undone; removing a check the old process had) still passes.
@pytest.mark.parametrize(
    ("lp", "question", "text", "expected"),
    [
        pytest.param("bias-for-action", INCOMPLETE_INFO, (
            "I ran a dairy farm and wanted to know whether robotic milking would pay. It was a big decision, about "
            "two hundred thousand pounds, and I did not want to make a decision that size on incomplete information, "
            "so I set out to get the full picture first. I ran a trial with a hired robot for one herd, logged yields "
            "and hours every week, and ran the trial again the following year. Once I had both seasons of results I "
            "took them to the owner, who approved the robots. Yields rose 6% and milking hours fell by 40%."
        ), "fail", id="waited-for-the-full-picture"),
        pytest.param("bias-for-action", INCOMPLETE_INFO, (
            "Our milk collection lorry broke down on a Friday and the tank would overflow by Sunday. I did not have "
            "all the facts about the other dairy's prices, but I decided not to wait: I booked their lorry for one "
            "collection, which I could cancel at no cost before midnight. We lost no milk, worth about 9,000 pounds, "
            "and I now keep a second buyer's number on the wall."
        ), "pass", id="acted-on-a-reversible-step"),
        pytest.param("invent-and-simplify", SIMPLIFIED, (
            "Licences at the council were issued with mistakes, one in ten needed correcting. I designed a more "
            "thorough process: I added a second checking stage, I introduced a site visit for narrow pavements and a "
            "new form for applicants. Corrections fell from 10% to 2% for the restaurants, though a licence took five "
            "weeks instead of three."
        ), "fail", id="added-stages"),
        pytest.param("invent-and-simplify", SIMPLIFIED, (
            "Licences at the council needed a second checking stage, a sign-off from highways and a site visit, and "
            "took five weeks. I replaced the three forms with one online form that measured the pavement from the "
            "map, and removed the second check for standard cases. Restaurants got their licence in eight days "
            "instead of five weeks, and corrections stayed under 2%."
        ), "pass", id="removed-stages-the-old-process-had"),
    ],
)  # fmt: skip
def test_a_story_doing_the_opposite_of_the_principle_fails_whatever_its_words(lp, question, text, expected):
    assert status(text, "lp_framing", lp=lp, question=question) == expected


def test_every_principle_has_framing_keywords():
    rules = load_rules()
    assert set(SLUGS) <= set(rules.framing)


def test_closest_principle_guesses_from_keywords():
    t = transcript_from_text("i disagreed with my manager and pushed back with a doc but i committed to the decision", 30)
    assert closest_principle(t, SLUGS) == BACKBONE


# --------------------------------------------------------------------------- fillers


def test_fillers_per_minute_bands_and_like_as_a_verb():
    clean = "i like this approach and it looks like it worked and i would like to say we shipped it " * 3
    assert grade(clean, seconds=30).checks["fillers"].status == "pass"
    assert grade(clean, seconds=30).metrics["fillers_per_minute"] == 0
    some = "um so i basically traced it and uh i fixed it and you know it worked " * 2  # 8 fillers in 60 s
    assert grade(some, seconds=60).checks["fillers"].status == "warn"
    heavy = "um so like i uh traced it you know and um basically like fixed it " * 2  # 14 in 60 s
    c = grade(heavy, seconds=60).checks["fillers"]
    assert c.status == "fail" and "um" in [e.lower() for e in c.evidence]


def test_kind_of_as_a_noun_phrase_is_not_a_filler():
    ev = grade("i give that kind of feedback early and what kind of bug it was mattered", seconds=10)
    assert ev.metrics["filler_count"] == 0


# --------------------------------------------------------------------------- pace


@pytest.mark.parametrize("seconds,expected", [(60, "pass"), (75, "warn"), (90, "fail"), (53, "warn"), (40, "fail")])
def test_pace_bands(seconds, expected):
    text = " ".join(["word"] * 150)
    ev = grade(text, seconds=seconds)
    assert ev.checks["pace"].status == expected, (seconds, ev.metrics["words_per_minute"])


# --------------------------------------------------------------------------- pauses


def _timed(gaps_after: dict[int, float], n: int = 60) -> Transcript:
    words, t = [], 0.0
    for k in range(n):
        words.append(Word(f"w{k}", t, t + 0.3))
        t += 0.4 + gaps_after.get(k, 0.0)
    return Transcript(tuple(words), t)


def test_pauses_from_word_timings():
    q = Question("Tell me about a time.", "dive-deep")
    assert evaluate(_timed({}), q).checks["pauses"].status == "pass"
    one_long = evaluate(_timed({20: 4.0}), q)
    assert one_long.checks["pauses"].status == "warn"
    assert one_long.metrics["longest_pause_s"] == pytest.approx(4.1)
    assert "w20" in one_long.checks["pauses"].evidence[0]
    several = evaluate(_timed({10: 2.5, 30: 2.5, 50: 2.5}), q)
    assert several.checks["pauses"].status == "warn"
    two = evaluate(_timed({10: 2.5, 30: 2.5}), q)
    assert two.checks["pauses"].status == "pass"


# --------------------------------------------------------------------------- backbone


BACKBONE_STRONG = (
    "my manager wanted to launch to all customers at once and i disagreed because checkout had never handled that traffic "
    "i wrote a two page doc with the load test numbers he pushed back that marketing needed one date which was a fair point "
    "so i reran the numbers and one was too high he decided to keep one launch i disagreed but it was his call so i committed "
    "i wrote the connection pool change myself and the launch lifted conversion by three percent "
    "afterwards he thanked me and asked me to lead the retro"
)


def test_backbone_only_for_its_principle():
    assert status(BACKBONE_STRONG, "backbone", lp="dive-deep") == "n/a"
    assert status(BACKBONE_STRONG, "backbone", lp=BACKBONE) == "pass"


def test_backbone_without_the_relationship_close_warns():
    # Guide: "Close with the relationship still intact or stronger."
    c = grade(BACKBONE_STRONG.replace(" afterwards he thanked me and asked me to lead the retro", ""), lp=BACKBONE).checks["backbone"]
    assert c.status == "warn" and "relationship" in c.message


def test_trivial_tool_disagreement_fails():
    text = ("i thought we should use postgres and my manager wanted mysql i disagreed and sent him a comparison "
            "he decided on mysql and i committed to it and we built the service on mysql")
    c = grade(text, lp=BACKBONE).checks["backbone"]
    assert c.status == "fail" and {"postgres", "mysql"} & {e.lower() for e in c.evidence}
    tabs = "I disagreed with my lead about tabs versus spaces and wrote a doc; he decided on spaces, I committed and updated my editor."
    assert status(tabs, "backbone", lp=BACKBONE) == "fail"


def test_a_library_people_use_is_no_code_library_and_a_refusal_is_a_disagreement():
    # fresh36's mobile library stops (dev) and fresh78's council libraries (blind): "the library" is the building
    # people use, while a code library stays a tool choice
    stops = ("I disagreed with my manager about cutting the mobile library's village stops. I pulled the loan figures for "
             "every stop and showed her that two of the stops she wanted to cut lent more books than the town library. She "
             "made a fair point about the driver's hours, and I conceded that. She decided to cut one stop, I committed and "
             "rewrote the timetable myself, and she thanked me afterwards.")
    assert status(stops, "backbone", lp=BACKBONE) == "pass"
    code = stops.replace("cutting the mobile library's village stops", "moving our app to a new charting library").replace(
        "lent more books than the town library", "drew faster with the old library")
    assert status(code, "backbone", lp=BACKBONE) == "fail"
    # "i said no because i'd weighed three of them" is the disagreement told, whatever else is missing
    refusal = ("the planner wanted us to load the cages over the weight limit and i said no because i'd weighed three of them "
               "on the dock scale and they were well over the night manager decided we'd split them and the trailer went late")
    assert "no disagreement told" not in grade(refusal, lp=BACKBONE).checks["backbone"].message


def test_a_formatters_line_length_and_a_css_framework_are_style_preferences():
    # fresh29's recruitment app and fresh21's museum site (blind): the form was perfect, the
    # disagreement a formatter setting or a styling framework, and both passed Have Backbone
    line = ("My manager and I disagreed about the line length for our code formatter: she wanted eighty characters, I wanted "
            "a hundred and twenty. I ran the formatter both ways on fifty files and put the diffs in a document. She pushed "
            "back that long lines were hard to review on laptops, and I conceded that. She decided on a hundred, I committed "
            "to it and reformatted all twelve repositories myself, and we still work well together.")
    checks = grade(line, lp=BACKBONE).checks
    assert checks["backbone"].status == "fail" and checks["lp_framing"].status == "warn"
    css = line.replace("the line length for our code formatter", "whether to move our styling to Tailwind")
    assert status(css, "backbone", lp=BACKBONE) == "fail"
    # fresh32's dental-software pipelines (dev): a build tool is a tool
    ci = ("My team lead wanted to move our pipelines from Jenkins to GitHub Actions and I disagreed, because I knew Jenkins "
          "well. I put together a comparison of the features we used. He made a fair point about not maintaining our own "
          "server, and I conceded it. He decided on Actions, I committed and migrated the first twelve pipelines myself, "
          "and he thanked me for getting behind it.")
    assert status(ci, "backbone", lp=BACKBONE) == "fail"


@pytest.mark.parametrize(
    "text",
    [
        # "i loaded all the members" is work done, not a system under load: no stake rescues a preference
        "the club chair wanted a new booking app and i disagreed because i preferred a different app i had used before "
        "we talked it through at the committee and he chose his so i set the app up myself i loaded all two hundred "
        "members and i ran two sessions for parents and ninety percent of bookings went through it after a season",
        # fresh73's ward manager (thirteenth round, blind): WhatsApp against Teams for the staff group chat
        "i was ward manager on a twenty eight bed ward and our matron decided all the wards would move their staff group "
        "chats off whatsapp and onto teams and i disagreed i thought whatsapp was fine everyone already had it so i said "
        "that to her in our one to one i said i'd rather we just kept whatsapp and she said no it's an information "
        "governance thing so i said ok and i set up the ward channel myself i did a ten minute session at each handover "
        "for a week and by the end of the month all thirty four of our staff were on it",
        # fresh72's head of quality (thirteenth round, blind): the group's slide deck against "our one-page report, the
        # traffic-light one I'd designed years earlier" -- a report's style, not a system's traffic at stake
        "The new operations director wanted every plant on the group's standard quality report, the big slide deck with "
        "twenty charts. I disagreed and held my position on keeping our one-page report, the traffic-light one I'd "
        "designed years earlier, because my supervisors actually read it. He raised it at every monthly review, and in the "
        "end he let us keep it. That year we had zero quality escapes to either carmaker.",
    ],
)
def test_an_app_a_chat_or_a_report_style_preferred_is_trivial_whatever_the_story_around_it(text):
    checks = grade(text, lp=BACKBONE).checks
    assert checks["backbone"].status == "fail"
    assert checks["lp_framing"].status == "warn" and "preference" in checks["lp_framing"].message, checks["lp_framing"].message


def test_devices_the_system_serves_are_not_a_gadget_preference():
    # fresh74's delivery platform (thirteenth round, blind): "how orders get sent to the restaurant tablets" is what the
    # system serves; the disagreement is a message queue against a direct push
    text = ("We were rebuilding how orders get sent to the restaurant tablets, and our staff engineer wanted to put a message "
            "queue in the middle. I disagreed: I thought a direct push with retries was simpler, so I wrote a benchmark over a "
            "weekend and brought it to the design review. He showed the benchmark didn't cover tablets dropping offline, which "
            "was fair, and the team went with the queue. I took the queue consumer on myself and built its retry dashboard. "
            "Missed orders at restaurants went from about one in 500 to one in 10,000, and he and I still pair on design reviews.")
    assert status(text, "lp_framing", lp=BACKBONE) == "pass"
    # ... while a tablet chosen to hold a list is still a gadget preference
    gadget = ("the head chef wanted the prep lists moved from the whiteboard to an app on a tablet and i disagreed because i "
              "liked the board so we talked it through and she chose the tablet so i set it up myself and trained the "
              "commis chefs and prep errors went down by half")
    assert status(gadget, "backbone", lp=BACKBONE) == "fail"


def test_a_style_preference_stays_trivial_when_customers_liked_the_result_and_a_desk_moved_to_commit_is_no_preference():
    # fresh14's cinema: the stake has to be what the disagreement was about, not who liked the outcome
    cinema = ("I was a duty manager at a cinema and the general manager wanted the new foyer screens on a dark background. "
              "I felt strongly that a white background with a large plain font looked cleaner and more modern. I made a "
              "mock-up and brought it up again at the staff meeting. In the end he went with my layout for the main screen. "
              "The screens went up before the summer and customers seemed to find them easier to read.")
    checks = grade(cinema, lp=BACKBONE).checks
    assert checks["backbone"].status == "fail" and "preference" in checks["backbone"].message
    assert checks["lp_framing"].status == "warn"
    # fresh10's moulding line: the desk is where the candidate worked to make the plan succeed
    line = ("i disagreed with running line three at full speed because my scrap figures showed the parts would warp i showed "
            "my manager the trial data he decided to go ahead for the two weeks the order needed it was his call so i committed "
            "to making it work i moved my desk to line three and added a check on every fiftieth part scrap stayed under "
            "two percent and the customer got every part on time and he thanked me afterwards")
    assert status(line, "backbone", lp=BACKBONE) != "fail"


def test_no_commit_fails_and_no_concession_warns():
    no_commit = ("my tech lead decided to rewrite billing and i was strongly against it i built a spreadsheet showing six months "
                 "he went ahead and i refused to work on it and i kept maintaining the old service")
    assert status(no_commit, "backbone", lp=BACKBONE) == "fail"
    no_concession = ("my manager decided to drop the accessibility fixes and i disagreed i wrote a doc with the audit data "
                     "she kept the date i disagreed but the decision was hers and i committed and shipped the two blocking fixes myself")
    assert status(no_concession, "backbone", lp=BACKBONE) == "warn"


# --------------------------------------------------------------------------- real_failure


FAILURE_REAL = (
    "i led a migration and i misjudged our dependency on the payments team i never confirmed their roadmap "
    "so we ran two weeks late and it cost three engineers two extra weeks "
    "since then i run a pre mortem with every team we depend on"
)


def test_real_failure_applies_only_to_failure_questions():
    assert status(FAILURE_REAL, "real_failure", question="Tell me about a time you simplified a process.") == "n/a"
    assert status(FAILURE_REAL, "real_failure", question="Tell me about a recent failure.", lp="learn-and-be-curious") == "pass"
    assert status(FAILURE_REAL, "real_failure", question="Tell me about a time you admitted you were wrong.") == "pass"
    assert status(FAILURE_REAL, "real_failure", question="Tell me about something.", tags=["failure"]) == "pass"
    # a failing project the candidate rescued is not the candidate's failure
    assert status(FAILURE_REAL, "real_failure", question="Tell me about a time you stepped in to recover a failing project.") == "n/a"


@pytest.mark.parametrize("owning", [
    "I'd missed a step when I updated our script: I'd left out the line that offers the hardship fund.",
    "That afternoon I rang the station manager and told him I had been wrong in the meeting.",
    "I opened a pop-up bar without a trial. That was my decision, and I told the general manager so.",
    # the ninth round (blind): a past perfect or a recognizer's "id" between "I" and the mistake, and "my doing"
    "I'd assumed, and I'd written it into the design, that every message would carry its own ID.",
    "id skipped the second person check on the new label because we were short that week",
    "The label went out with the wrong allergen box, and that was my doing.",
    # the nineteenth round (blind): the admission said in its own words, in any tense, and a sign-off given without asking
    "At the next department meeting I put the numbers on the screen and I said plainly, 'I got this wrong.'",
    "so i went to the shop owners meeting and i told them id got it wrong about the junction",
    "I'd signed it off without asking for it to be tested on older Android versions.",
])
def test_a_mistake_owned_looking_back_is_owned(owning):
    # fresh14's and fresh15's failure stories, told in the past perfect or as "my decision"
    text = (owning + " It cost three days of customers not being offered help and two days of callbacks. "
            "I rang back all eighty-three customers myself. Since then I send every change to two agents to break first.")
    c = grade(text, lp="earn-trust", question="Tell me about a time you admitted you were wrong.").checks["real_failure"]
    assert c.status == "pass", c


def test_a_failure_turned_into_the_best_thing_is_spin_and_a_cost_played_down_is_not_named():
    q = dict(question="Tell me about a mistake you made.", lp="learn-and-be-curious")
    # fresh14's marathon: "the failure was the best thing that happened to the race"
    spun = ("I underestimated how much people wanted to run it and it sold out in under two hours. I went to the board "
            "with a second wave of three thousand places. In the end we had fifteen thousand runners, so in a way the "
            "failure was the best thing that happened to the race. Now I run a ballot over a week.")
    assert status(spun, "real_failure", **q) == "fail"
    # fresh75's data analyst (thirteenth round, blind): "it turned into the best thing I've done there ... she was glad
    # I'd missed that deadline"
    spun = ("I missed the deadline for a churn report by a week and a half, because I found the churn definition was different "
            "on three dashboards and I rebuilt the customer status model from scratch. So yes, the report was late, and it "
            "turned into the best thing I've done there: three other teams moved onto the model, and my manager said in my "
            "review she was glad I'd missed that deadline. Now I check the definitions before I build anything.")
    assert status(spun, "real_failure", **q) == "fail"
    # fresh15's school release: "a bit of confusion ... it was fine after that"
    played_down = ("I made a mistake with a release: I shipped the upload page the night before a coursework deadline. "
                   "It caused a bit of confusion on the Monday morning, so I rolled it back before lunch and it was fine "
                   "after that. I built a calendar check into the release pipeline and since then none of twenty-three "
                   "releases has landed in a deadline window. I now read the school calendar before I plan a sprint.")
    c = grade(played_down, **q).checks["real_failure"]
    assert c.status == "warn" and "play down" in c.message
    named = played_down.replace("It caused a bit of confusion on the Monday morning, so I rolled it back before lunch and it was fine after that.",
                                "It cost forty students their upload slot on the deadline morning, so I rolled it back before lunch.")
    assert status(named, "real_failure", **q) == "pass"


def test_spun_and_blamed_failures_fail_missing_change_warns():
    q = dict(question="Tell me about a time you made a mistake.", lp="learn-and-be-curious")
    spun = "my biggest failure is that i care too much and i am a perfectionist but it all turned out great"
    c = grade(spun, **q).checks["real_failure"]
    assert c.status == "fail" and "perfectionist" in [e.lower() for e in c.evidence]
    blamed = "the design team was late and qa found bugs from unclear requirements so the project slipped a month"
    assert status(blamed, "real_failure", **q) == "fail"
    no_change = "i misjudged the backfill and we delivered eleven days late which cost a ten percent discount"
    assert status(no_change, "real_failure", **q) == "warn"


# --------------------------------------------------------------------------- follow-up answers


def test_follow_up_is_graded_on_what_it_probed():
    answer = "i measured it with the funnel dashboard and conversion went up by one point one percent"
    probe = Question("How did you measure that?", "dive-deep", kind="follow_up", tags=("check:quantified_result",))
    ev = evaluate(transcript_from_text(answer, 8.0), probe)
    assert ev.checks["quantified_result"].status == "pass"
    assert ev.checks["star"].status == "n/a" and ev.checks["reflection"].status == "n/a"
    assert ev.checks["length"].status == "pass"
    bare = evaluate(transcript_from_text("it was about one point four percentage points on mobile", 5.0), probe)
    assert bare.checks["quantified_result"].status == "pass"
    vague = evaluate(transcript_from_text("it was a lot better and people were happy", 5.0), probe)
    assert vague.checks["quantified_result"].status == "fail"


# --------------------------------------------------------------------------- robustness: same story, three styles


def test_recognizer_typed_and_whisper_styles_agree():
    typed = ("Last year I noticed refunds for late orders had jumped to six and a half percent. I dug into the order data, "
             "I built a prep-time model, and I rolled it out with the courier team. After six weeks, late deliveries dropped "
             "by forty percent and we saved about four million dollars a year. I now check refund data by city every Monday.")
    whisper = ("Last year I noticed refunds for late orders had jumped to 6.5%. I dug into the order data, "
               "I built a prep-time model, and I rolled it out with the courier team. After 6 weeks, late deliveries dropped "
               "by 40% and we saved about $4 million a year. I now check refund data by city every Monday.")
    asr = re.sub(r"[^\w\s'%$.]|(?<!\d)\.(?!\d)", "", typed).lower()
    verdicts = [{k: c.status for k, c in grade(t, lp="customer-obsession").checks.items()} for t in (typed, whisper, asr)]
    assert verdicts[0] == verdicts[1] == verdicts[2]
    assert verdicts[0]["quantified_result"] == "pass" and verdicts[0]["business_impact"] == "pass"


def _words(text: str) -> str:
    """Word sequence without punctuation: evidence drops the commas inside a quoted phrase."""
    return " " + " ".join(w.strip(".,;:!?\"'()") for w in text.lower().split()) + " "


def test_evidence_quotes_the_candidates_own_words():
    report = _report_module()
    for item in report.load_devset():
        said = _words(item.transcript.text)
        ev = evaluate(item.transcript, item.question)
        for check in ev.checks.values():
            for quote in check.evidence:
                assert _words(quote) in said, (item.id, check.id, quote)


# --------------------------------------------------------------------------- data file


def _write(tmp_path: Path, text: str) -> str:
    path = tmp_path / "rubric.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_malformed_data_file_names_the_file_and_problem(tmp_path):
    with pytest.raises(BankError) as bad_toml:
        load_rules(_write(tmp_path, "[length\nfail_below = 0.5"))
    assert "rubric.toml" in str(bad_toml.value) and "TOML" in str(bad_toml.value)

    good = (ROOT / "assistant" / "data" / "rubric.toml").read_text(encoding="utf-8")
    with pytest.raises(BankError) as missing:
        load_rules(_write(tmp_path, good.replace("[pauses]", "[pauses_renamed]")))
    assert "[pauses]" in str(missing.value)

    with pytest.raises(BankError) as wrong_type:
        load_rules(_write(tmp_path, good.replace("ok_per_min = 5", 'ok_per_min = "five"')))
    assert "ok_per_min" in str(wrong_type.value)

    with pytest.raises(BankError) as bad_lexicon:
        load_rules(_write(tmp_path, good.replace('cues = [', 'cues = [3, ', 1)))
    assert "cues" in str(bad_lexicon.value)

    # an alternative with a space in it ("that is") is two words of the phrase: it could never match
    with pytest.raises(BankError) as split_alternative:
        load_rules(_write(tmp_path, good.replace('cues = [', 'cues = ["that\'s|that is the result", ', 1)))
    assert "that's|that is the result" in str(split_alternative.value) and "a phrase of its own" in str(split_alternative.value)

    # a prompt's demand with nothing to say when it is missing
    with pytest.raises(BankError) as no_says:
        load_rules(_write(tmp_path, good.replace('says = "nobody disagreed with you in it', 'said = "nobody disagreed with you in it', 1)))
    assert "[[framing.asks]] entry 1" in str(no_says.value)

    # a demand turned round with nothing to say when it is told
    with pytest.raises(BankError) as mute_opposite:
        load_rules(_write(tmp_path, good.replace('says = "nobody disagreed with you in it', 'opposite = ["i just knew"]\nsays = "nobody disagreed with you in it', 1)))
    assert "opposite_says" in str(mute_opposite.value)

    with pytest.raises(BankError):
        load_rules(str(tmp_path / "nope.toml"))


def test_the_shipped_data_file_loads_once():
    assert load_rules() is load_rules()


# --------------------------------------------------------------------------- agreement with the devset


def test_devset_is_big_and_varied_enough():
    report = _report_module()
    items = report.load_devset()
    assert len(items) >= 100
    assert len({i.question.lp for i in items}) >= 16
    recognizer = [i for i in items if i.transcript.text == i.transcript.text.lower() and "," not in i.transcript.text and "." not in i.transcript.text]
    assert len(recognizer) >= 12


def test_devset_agreement_at_least_95_percent():
    report = _report_module()
    agreement, _ = report.compare(report.load_devset())
    print("\n" + report.render(agreement))  # visible with -s: the per-check table and every disagreement
    assert agreement.rate >= 0.95, report.render(agreement)
    for check, (agree, total) in agreement.per_check.items():
        if total >= 10:
            assert agree / total >= 0.85, (check, report.render(agreement))


def test_second_readers_labels_name_answers_of_their_set_and_agree_with_the_first_reader():
    """The second reader's labels (scripts/reader_agreement.py) are only worth reading if they
    label answers that exist, with the statuses the rules allow; and the figures it prints leave
    out the measured checks and any n/a."""
    report = _report_module()
    spec = importlib.util.spec_from_file_location("reader_agreement", ROOT / "scripts" / "reader_agreement.py")
    agreement = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(agreement)
    loaded = {}
    for set_name, folder in (("dev", report.DEVSET), ("heldout", report.HELDOUT)):
        second = agreement.load_second(set_name)
        items = {i.id: i for i in report.load_devset(folder)}
        assert len(second) >= 30 and set(second) <= set(items), set_name
        for answer_id, labels in second.items():
            assert set(labels) == set(items[answer_id].expected), answer_id
            assert set(labels.values()) <= {"pass", "warn", "fail", "n/a"}, answer_id
        loaded[set_name] = (second, [items[answer_id] for answer_id in second])
    second, dev = loaded["dev"]
    out = agreement.tallies(dev[:40], second)
    readers = out["readers"]
    assert all(readers.agree[c] == [0, 0] for c in ("length", "fillers", "pace", "pauses"))
    agree, total = readers.total(readers.agree, tuple(readers.agree))
    assert total > 0 and agree / total >= 0.9, "two readers of the same guide disagree: adjudicate before tuning on these labels"


# --------------------------------------------------------------------------- sentences, not words (the language layer)
# Each case is a misreading the word-matching rubric made on fresh answers.


def test_delegation_told_with_i_is_reported_as_delegation():
    text = ("our checkout errors spiked so i had my team handle it i asked one of the junior engineers to go through the logs "
            "and i assigned the fix to our platform team and i got the support lead to email the affected customers "
            "after the fix errors dropped by ninety percent and customers stopped complaining")
    ev = grade(text, seconds=70.0)
    d = ev.checks["delegation"]
    assert d.status == "fail" and any("asked" in e for e in d.evidence)
    assert ev.metrics["delegated_count"] >= 3 and ev.metrics["i_action_count"] == 0


def test_a_hypothetical_answer_never_passes_i_vs_we_nor_is_praised_for_it():
    text = ("if i saw a problem like that i would first talk to the owning team and i would write a proposal "
            "then i would set up monitoring and we would review it every week and i would make sure customers were informed")
    ev = grade(text, seconds=60.0)
    assert ev.checks["past_tense"].status == "fail"
    assert ev.checks["i_vs_we"].status == "fail"
    from assistant.feedback import compose

    fb = compose(ev, Question("Tell me about a time.", "dive-deep"), "Dive Deep")
    assert fb.strength != "i_vs_we" and "you said I for your own actions" not in fb.spoken


def test_a_role_is_no_own_action_so_a_story_the_team_carried_fails_i_vs_we():
    text = ("i worked in the permits team at the council and last spring the queue for resident parking permits "
            "had grown to six weeks we sorted the backlog by street we cleared the oldest applications first "
            "and the queue came down to four days so residents got their permits before the new zone started")
    ev = grade(text, lp="deliver-results", seconds=40.0)
    assert ev.metrics["i_action_count"] == 0
    assert ev.checks["i_vs_we"].status == "fail"
    # the same story with the candidate's own steps passes
    own = text.replace("we sorted", "i sorted").replace("we cleared", "i cleared")
    assert status(own, "i_vs_we", lp="deliver-results") == "pass"


def test_an_answer_that_only_supposes_if_i_had_to_has_no_own_action():
    """Guide red flag: "Hypothetical answers ... 'I would...' instead of 'I did...'"; "if I had to
    deliver with less" is the supposition the would-clauses hang on, not a step taken."""
    text = ("I haven't really been in a situation where resources were that tight, because the budget has always been fine. "
            "But if I had to deliver something with limited resources, I would start by looking at what the customer needs "
            "and cut everything else. I would use managed services instead of building our own, and I would look at open-source "
            "tools before buying anything. I would also review the cloud bill with finance every week so there were no surprises.")
    ev = grade(text, lp="frugality", seconds=60.0)
    assert ev.metrics["i_action_count"] == 0
    assert ev.checks["i_vs_we"].status == "fail"
    assert ev.checks["business_impact"].status == "fail"


def test_a_failures_cost_is_what_it_led_to_not_the_fixs_own_numbers():
    """Guide: "name the cost honestly". The alert's "thirty days before" is how the fix works,
    said after the mistake was put right; "around 400 people called the helpline" is the cost."""
    q = "Tell me about a mistake you made and what you did about it."
    no_cost = ("I was an SRE and I owned certificate renewal for our internal services. I missed one service that had been moved "
               "to a new cluster, and I never checked that the move had carried the renewal job across. That was my miss. Its "
               "certificate expired on a Sunday morning. I renewed it by hand, went through every service in our inventory, and "
               "added an alert that fires thirty days before any certificate expires. Since then, whenever a service moves "
               "cluster, I check its certificate myself before I close the migration ticket.")
    ev = grade(no_cost, lp="ownership", question=q, tags=("failure",))
    assert ev.checks["real_failure"].status == "warn" and "cost" in ev.checks["real_failure"].message
    costed = no_cost.replace("Its certificate expired on a Sunday morning.",
                             "Its certificate expired on a Sunday morning and around 400 merchants could not download their settlement files.")
    assert status(costed, "real_failure", lp="ownership", question=q, tags=("failure",)) == "pass"


def test_whoever_the_work_was_for_acting_in_the_result_is_its_customer():
    """The labeling rules: "any customer or user class's outcome". A flour mill's bakeries that
    "told us they had stopped" something are its customers, though no list names bakeries; the
    same result told as a measure alone is not."""
    text = ("I ran quality at a flour mill and our protein readings drifted between deliveries. I pulled six months of lab "
            "sheets myself, found the drift followed one silo's blend, and I rewrote the blending sheet so every lorry was "
            "tested before it left. Within two months the variation had halved, and four of the bakeries told us they had "
            "stopped adjusting their dough recipe for each new load. Now I check the blend sheet myself every Monday.")
    assert status(text, "business_impact", lp="insist-on-the-highest-standards") == "pass"
    measure_only = text.replace(", and four of the bakeries told us they had stopped adjusting their dough recipe for each new load", "")
    assert status(measure_only, "business_impact", lp="insist-on-the-highest-standards") == "fail"


def test_pet_owners_and_riders_are_customers_too():
    vet = ("I ran the front desk of a vet practice and pet owners kept running out of their dogs' heart tablets "
           "because the six-monthly check was overdue. I went through a year of records myself and I set up a recall "
           "that texted owners six weeks before the check was due, so nobody had to wait for an appointment with two "
           "tablets left. Missed doses fell from sixty one animals a year to four.")
    assert status(vet, "lp_framing", lp="customer-obsession") == "pass"
    assert status(vet, "business_impact", lp="customer-obsession") == "pass"
    bikes = ("i locked the faulty e bikes in the app and i checked every clip at the busiest docks myself "
             "by sunday two hundred and seventy bikes were back in service and our rides were only four percent below the forecast")
    assert status(bikes, "business_impact", lp="bias-for-action") == "pass"


def test_homes_and_quotes_are_whom_a_landlord_or_a_small_firm_serves():
    mould = ("i pulled the repair records myself and i matched every mould report to the insulation type then i ran a trial "
             "and mould reports from those sixty homes fell by eighty percent the next winter")
    assert status(mould, "business_impact", lp="are-right-a-lot") == "pass"
    quotes = ("I rebuilt our quoting sheet myself and I trained the two coordinators on it. Our average quote time went from two "
              "days to under three hours and the share of quotes that turned into paid jobs rose from thirty one to forty four percent.")
    assert status(quotes, "business_impact", lp="invent-and-simplify") == "pass"


def test_a_standard_held_in_a_kitchen_or_a_newsroom_speaks_to_the_highest_standards():
    text = ("I was head chef at a hotel and our breakfast had slipped, with cold eggs in the reviews, and I wasn't prepared "
            "to accept that. I logged the temperature of every hot tray myself for a month and I rewrote the holding times. "
            "Breakfast complaints fell from one in five reviews to one in twenty, and I now check the tray log every morning.")
    assert status(text, "lp_framing", lp="insist-on-the-highest-standards",
                  question="Tell me about a time you pushed back on a low-quality deliverable.") == "pass"


@pytest.mark.parametrize(
    "lp, question, text",
    [
        ("bias-for-action", "Tell me about a time you took a calculated risk.",
         "i ran a wind farm crew and the forecast gave us a window of five hours and the safe default was to wait nine days "
         "while the turbine was losing four thousand pounds a day so i set a hard turn back time and i went up myself and we "
         "had it generating again that afternoon which kept thirty six thousand pounds of output"),
        ("deliver-results", "Tell me about a time you had to get a lot done in a very short window.",
         "I ran the office of a plumbing firm when thirty-one flats lost their heating in one frozen night. The agency needed "
         "every tenant back on heat within forty-eight hours. I took charge of it, I split the jobs by block and I rang the "
         "families with babies first. All thirty-one flats had heat back within thirty-six hours and the agency renewed our contract."),
    ],
)
def test_a_principle_told_in_a_field_crews_or_an_offices_own_words_is_framed(lp, question, text):
    # guide: Bias for Action is "a real time pressure ... a calculated risk taken"; Deliver Results
    # is the outcome delivered against the time asked
    assert status(text, "lp_framing", lp=lp, question=question) == "pass"


def test_a_story_of_roles_and_results_with_no_step_is_past_but_has_no_action():
    text = ("I worked in the lettings office of a housing association and I was responsible for the void flats. "
            "The target was to relet every empty flat within twenty eight days because families on the waiting list "
            "were in temporary rooms. It was a hard winter and the whole office was stretched. By March our average "
            "relet time was nineteen days and forty more families had moved in than the year before.")
    ev = grade(text, lp="deliver-results", seconds=40.0)
    assert ev.checks["past_tense"].status == "pass" and ev.checks["past_tense"].evidence
    assert ev.checks["i_vs_we"].status == "fail"
    assert ev.checks["star"].status == "fail"


def test_a_result_told_with_no_step_is_still_a_result_but_star_has_no_action():
    # fresh13's opticians story: the background, then the result, and no step of the candidate's
    text = ('I was the dispensing optician and branch manager at an independent opticians in a market town. Our '
            'remake rate on varifocal glasses had been around nine percent for as long as anyone could remember, '
            "which meant nearly one in ten patients came back because they couldn't get on with their new lenses, "
            'and a lot of them were older people who needed their glasses to drive. The lab and our area team '
            'treated that as normal for varifocals, and to be honest most of the staff had stopped noticing it. '
            'It mattered to me, though, because every remake was a patient with a fortnight of headaches and a '
            'second trip into town, and it was costing the branch in lab charges as well. Over the following six '
            'months the remake rate came down to three percent, the branch saved roughly seven thousand pounds in '
            'remake charges, and the reviews that mentioned varifocals went from mixed to almost all five stars. '
            "The other branches in the group started asking how we'd done it. It's still one of the results I'm "
            'proudest of.')
    ev = grade(text, lp="insist-on-the-highest-standards", seconds=75.0)
    assert ev.checks["business_impact"].status == "pass"
    assert ev.checks["star"].status == "fail" and "no action" in ev.checks["star"].message


def test_a_real_story_whose_action_drifts_into_would_fails_past_tense_but_keeps_its_real_result():
    # guide: "if the candidate keeps drifting hypothetical, it scores against them" -- the
    # drift is graded, but the real step and the real result told around it still count
    text = ("I was on the returns desk at a garden centre, and one Saturday a customer brought back a dead hedge for the "
            "third time. I walked the row with her myself and I replaced the whole hedge from our own stock. "
            "Normally what I would do is go back to the supplier, and I would ask them for the soil data, "
            "and I would probably suggest a planting guide for every hedge we sell. "
            "Over that spring our hedge returns fell by about forty percent and she came back to buy roses.")
    ev = grade(text, lp="customer-obsession", seconds=45.0)
    assert ev.checks["past_tense"].status == "fail"
    assert ev.checks["star"].status == "warn"
    assert ev.checks["quantified_result"].status == "pass"
    assert ev.checks["i_vs_we"].status != "fail"


def test_an_answer_that_drifts_after_real_steps_still_says_i_for_them():
    text = ("i was duty manager at a ferry port when a gale warning came in i checked the forecast myself and i rang the harbour "
            "master then in a case like that what i'd do is i'd send a text to every booked passenger and i'd open the waiting "
            "room early and i'd probably offer free rebooking on the next sailing")
    ev = grade(text, lp="bias-for-action", seconds=30.0)
    assert ev.checks["past_tense"].status == "fail"
    assert ev.checks["i_vs_we"].status == "pass"
    wholly = ("if a gale warning came in what i'd do is i'd send a text to every booked passenger and i'd open the waiting "
              "room early and i'd probably offer free rebooking on the next sailing")
    assert status(wholly, "i_vs_we", lp="bias-for-action", seconds=20.0) == "fail"


def test_team_context_next_to_own_actions_passes():
    text = ("every winter we had noticed that call volumes doubled and we hired temporary agents each season "
            "this year i listened to sixty calls myself i drafted a new self service script i tested it with five agents "
            "and i rolled it out to the whole floor and repeat calls dropped by a third so callers got answers faster "
            "i now listen to calls before i change any script")
    assert status(text, "i_vs_we", lp="customer-obsession") == "pass"


def test_past_perfect_and_purpose_clauses_are_not_hypothetical_drift():
    text = ("i owned the rollout and i skipped the usual holdback because the change looked small that is why i'd skipped it "
            "the release broke payments for an hour i rolled it back and i wrote the review and i added a canary stage "
            "so we'd catch anything similar and i now never skip the holdback")
    ev = grade(text, seconds=60.0, tags=("failure",), question="Tell me about a mistake you made.")
    assert ev.checks["past_tense"].status == "pass", ev.checks["past_tense"]


def test_a_concrete_habit_passes_reflection_and_a_generic_belief_does_not():
    story = "i noticed the data pipeline kept records forever so i wrote a retention policy and i deleted old records and storage costs fell forty percent "
    habit = story + "now whenever i design a pipeline i write down the retention period first"
    belief = story + "ever since then i have believed that simplicity is really important"
    assert status(habit, "reflection") == "pass"
    assert status(belief, "reflection") == "fail"


@pytest.mark.parametrize(
    "ending, expected",
    [
        ("and what would likely have been several thousand complaints never happened", "warn"),  # counterfactual
        ("it took about six weeks", "warn"),  # a duration of the work
        ("and late deliveries dropped from twelve percent to point one five percent", "pass"),
    ],
)
def test_only_a_number_that_is_the_result_counts_as_the_quantified_result(ending, expected):
    text = ("i noticed late deliveries on one route so i traced the delays to a depot and i rebuilt the loading plan with the drivers "
            "and i moved the cut off time " + ending)
    c = grade(text, seconds=60.0).checks["quantified_result"]
    assert c.status == expected, c
    if expected == "pass":
        assert "point one five percent" in " ".join(c.evidence)


def test_point_one_five_percent_is_read_as_a_fraction_of_a_percent():
    from assistant.language import analyse

    (q,) = analyse("errors fell to point one five percent".split()).quantities
    assert q.value == pytest.approx(0.15)


@pytest.mark.parametrize("who", ["patients", "students", "riders", "drivers", "shipments", "callers"])
def test_outcomes_for_any_kind_of_customer_are_business_impact(who):
    text = (f"i noticed long waits so i mapped every step and i cut two of them and i trained the team on the new flow "
            f"after that {who} waited twenty minutes less on average and i now map the flow before i change anything")
    assert status(text, "business_impact", lp="customer-obsession") == "pass"


def test_ownership_story_that_says_owner_speaks_to_ownership():
    text = ("nobody looked after the menu sync between teams so i told my manager i would be the owner of it for the long term "
            "i rewrote the sync job and i migrated the restaurants in batches and complaints stopped")
    c = grade(text, lp="ownership").checks["lp_framing"]
    assert c.status == "pass" and any("owner" in e for e in c.evidence)


# --------------------------------------------------------------------------- fixes from the fresh dev batch


def test_the_result_subject_belongs_to_the_result_however_long_it_is():
    # guide: the result "in customer or business terms"; here the customers are the result's
    # subject, said six words before the outcome word
    text = (
        "I ran the front office of a primary school, and parents could only book parents' evening slots by phone. "
        "I built a simple online booking form, tested it with ten parents, and printed instructions for families without email. "
        "I answered every question about it myself for the first fortnight. "
        "After the first term, the number of calls from worried parents to the school office dropped by 70 percent. "
        "I now test every new form with five parents before it goes out."
    )
    checks = grade(text, lp="invent-and-simplify").checks
    assert checks["business_impact"].status == "pass", checks["business_impact"]


def test_children_and_pupils_are_whom_a_school_story_serves():
    text = (
        "I was a reading lead at a primary school. I tested every child in year four myself, rebuilt the reading groups "
        "and trained the teaching assistants to run daily phonics sessions. "
        "By the summer the share of children reading at the expected level went from 60 percent to 82 percent. "
        "I now test a new class in its first fortnight."
    )
    checks = grade(text, lp="ownership").checks
    assert checks["business_impact"].status == "pass", checks["business_impact"]


def test_a_failure_whose_only_numbers_are_durations_names_no_cost():
    # guide: "name the cost honestly (engineer time, customer impact, opportunity cost)";
    # "two weeks" of retraining and "the first fortnight" are durations, not a cost
    text = (
        "I was responsible for rolling out a new handover sheet on our ward. I briefed only the day shift, assuming the "
        "night staff would read the guide. That was my mistake. Over the first fortnight the sheets were filled in "
        "inconsistently at night. I went back and ran short sessions at every handover for two weeks, nights included. "
        "I now plan every change so that it reaches every shift before it goes live."
    )
    checks = grade(text, lp="learn-and-be-curious", question="Tell me about a recent failure.", tags=["failure"]).checks
    assert checks["real_failure"].status == "warn", checks["real_failure"]
    assert "cost" in checks["real_failure"].message


def test_now_whenever_opens_a_habit_in_unpunctuated_speech():
    text = (
        "i was the on call engineer and our service kept running out of memory so i took two heap dumps and compared them "
        "and found the leak was in the http client library not our code i wrote a small reproduction sent it upstream "
        "and pinned a patched version and after that the restarts stopped and customers stopped seeing errors "
        "now whenever a service leaks i diff two heap dumps before i read any of our own code"
    )
    checks = grade(text, lp="dive-deep").checks
    assert checks["reflection"].status == "pass", checks["reflection"]


def test_a_failure_story_is_under_way_once_the_mistake_is_owned():
    # guide: "Pick a real failure where you owned the mistake, name the cost honestly":
    # the mistake told and owned is the story's action, not its setup
    text = (
        "Last spring I planned our depot's bank holiday week, and the Tuesday collections ended up on the wrong day. "
        "That was my mistake, because the holiday had moved and the calendar was never checked. "
        "The cost was real: 600 parcels were collected a day late, two clinics waited a day for their samples to reach "
        "the laboratory, their doctors had to explain the delay to patients, fourteen drivers turned up at closed "
        "businesses, and the customer service team took more than two hundred calls about missing collections that week. "
        "I called the two clinics that morning, I apologised to the three biggest customers myself, "
        "and I rebuilt the week's routes by hand. "
        "I now check every plan against the calendar before I publish it."
    )
    checks = grade(text, lp="learn-and-be-curious", question="Tell me about a recent failure.", tags=["failure"]).checks
    assert checks["star"].status == "pass", checks["star"]


def test_took_on_too_much_is_the_same_spin_in_the_past_tense():
    # guide red flag: "A 'failure' story with no real failure (the candidate spins the
    # failure into a triumph and never owns the mistake)"
    text = (
        "my biggest failure was probably that i took on too much during our spring launch i did most of the setup myself "
        "and worked every weekend in the end the launch went really well with three thousand orders in the first month "
        "which was double the target so the failure was really that i did not delegate enough"
    )
    checks = grade(text, lp="learn-and-be-curious", question="Tell me about a recent failure.", tags=["failure"]).checks
    assert checks["real_failure"].status == "fail", checks["real_failure"]


def test_took_too_much_on_and_a_big_success_are_the_spin_and_the_lesson_still_worked_on_is_generic():
    # fresh80's revenue manager (fifteenth round, blind): the excess said the other way round, the launch called "a big
    # success", and "I need to trust other people more ... It's something I'm always working on" -- no change now made
    text = ("My most recent failure was at a hotel group where I was revenue manager. I took on the launch of a new pricing "
            "tool on top of my normal job, and I underestimated how much work it would be. I built all the rate rules "
            "myself and trained the front desk teams at all four hotels. {0} Revenue per room went up 14% in the first "
            "quarter. So the failure really was that I took too much on myself, and what I learned is that I need to trust "
            "other people more and delegate. {1}")
    q = "Tell me about a recent failure and what you learned from it."
    spun = grade(text.format("But in the end it was a big success.", "It's something I'm always working on."),
                 lp="learn-and-be-curious", question=q, tags=["failure"]).checks
    assert spun["real_failure"].status == "fail", spun["real_failure"]
    assert spun["reflection"].status == "fail", spun["reflection"]
    habit = grade(text.format("", "Now I hand the set-up of every new tool to the property teams and only review it."),
                  lp="learn-and-be-curious", question=q, tags=["failure"]).checks
    assert habit["reflection"].status == "pass", habit["reflection"]


def test_regulars_coming_back_is_the_result_and_a_maxim_told_to_the_team_is_generic():
    # fresh82's supermarket manager (fifteenth round, blind): no number and no outcome word, but the customers who had
    # walked out came back; the close is a belief she repeats, not a change she made
    story = ("so i was a store manager for a big supermarket and we'd just had self checkouts put in and all the numbers "
             "looked great but older customers would get to the self checkout and freeze or they'd leave the basket at the "
             "end and walk out so i started standing by the tills myself on tuesday and thursday mornings just watching and "
             "talking to people and it turned out the problem was mostly the bagging scale so i moved one staffed till back "
             "to the front on those mornings and i put a colleague next to the self checkouts as a helper and i wrote a "
             "little card in big print on how to use the bagging area and stuck it on every till and {0} ")
    back = story.format("the regulars came back people actually told me they'd started going to the other supermarket")
    checks = grade(back + "and now every tuesday i work the first hour on the tills myself",
                   lp="customer-obsession").checks
    assert checks["star"].status == "pass" and checks["business_impact"].status == "pass", (checks["star"], checks["business_impact"])
    assert status(story.format("the regulars noticed"), "star", lp="customer-obsession") == "fail"
    maxim = back + "i've always believed you have to be out on the floor with your customers that's what i always tell my team"
    assert status(maxim, "reflection", lp="customer-obsession") == "fail"


def test_handing_the_work_back_ends_the_story_rather_than_continuing_its_action():
    # fresh82's moulding plant (fifteenth round, blind): the result comes before the candidate hands the report back and
    # returns to the shift; those are no more steps of the action
    story = ("the plant manager came to me and asked if i could pick up the monthly scrap report in the meantime because it "
             "fed into the group figures so i said yeah sure and i took it on the spreadsheet was honestly a mess it was copy "
             "and paste from the machine counters and half the reject codes didn't match so i rebuilt it i cleaned up the "
             "codes and i put formulas in so it totalled itself and the report went from taking about three days to half a "
             "day and the plant manager got his scrap cost figure to group on time every month while i had it then the new "
             "quality engineer started and i walked her through it and {0}")
    handed = story.format("handed it back to her and went back to my shift")
    assert status(handed, "star", lp="ownership") == "pass"
    assert status(handed, "quantified_result", lp="ownership") == "pass"


def test_a_building_handed_over_in_time_for_its_users_is_the_result_told_without_a_number():
    # fresh81's site manager (fifteenth round, blind), as said: the only number near the result is a daily briefing's
    # length, which is effort; the classrooms handed over in time for the children are the result, told in plain words
    story = ("um so i'm a site manager for a building contractor and i got moved onto a school extension that was uh failing "
             "basically it was six classrooms for september and when i got there in may it was about five weeks behind the "
             "steel was late the brickies had walked off because they hadn't been paid and um the head teacher was you know "
             "ringing our office every day so the first thing i did i sat down with the programme myself and uh resequenced "
             "it so the internal fit out could start in the finished half while the brickwork finished the other half i got "
             "the brickies back by um sorting their payment with our commercial team that same week and i ran a fifteen "
             "minute briefing every morning with all the trades so nobody was waiting on anyone and uh i was there six till "
             "seven most days to be honest and {0}and what i've taken from it is i always try to remember that communication "
             "is the most important thing on a site you know keep everyone talking")
    told = "we handed over the classrooms in the last week of august in time for the kids starting "
    checks = grade(story.format(told), lp="deliver-results", seconds=90).checks
    assert checks["quantified_result"].status == "warn", checks["quantified_result"]
    assert checks["star"].status == "pass", checks["star"]  # (without "in time for" / "handed over" it is no result at all)


def test_a_temperament_dated_ever_since_is_a_generic_lesson():
    # fresh80's ferry duty manager (fifteenth round, blind): "ever since" closing the belief dates it; it is no change
    story = ("The forecast had the wind gusting past our limit, so I cancelled the last two sailings at three. At half four "
             "the master rang: the gusts were in the low thirties and the front had been pushed back three hours, so I "
             "reinstated the five o'clock and rang the island hotel myself. About a hundred and ten passengers crossed "
             "that evening. ")
    belief = story + "I've always tried to stay humble and keep an open mind, and I think that's served me well ever since."
    assert status(belief, "reflection", lp="bias-for-action") == "fail"
    since = story + "Ever since, I check the harbour anemometer myself before I cancel anything on a forecast alone."
    assert status(since, "reflection", lp="bias-for-action") == "pass"


def test_the_important_thing_is_a_generic_lesson():
    # README: "I think the key was ..." is a generic lesson, not a change now made
    text = (
        "Our on-call runbooks were out of date, so I rewrote the six most used ones, added an owner to each page and set up "
        "a monthly reminder for the owners. Pages resolved without escalation went from 40 percent to 75 percent. "
        "I think the important thing with ownership is not waiting for someone else to decide it is your job."
    )
    checks = grade(text, lp="ownership").checks
    assert checks["reflection"].status == "fail", checks["reflection"]


def test_the_teams_outcome_in_the_result_does_not_crowd_out_i():
    # guide: "use 'I' for the specific actions the candidate took ... and 'we' only for the
    # team's collective work": the team's outcome told as the result is that collective part
    text = (
        "At the end of a wet May our garden centre had 2,000 bedding plants that would be dead in ten days, and head "
        "office took two weeks to approve a price change. I priced the risk against the stock we would otherwise throw "
        "away and I cut the price by half myself that Friday. We sold nearly all of them that weekend and we recovered "
        "about 6,000 pounds."
    )
    checks = grade(text, lp="bias-for-action", seconds=40).checks
    assert checks["i_vs_we"].status == "pass", checks["i_vs_we"]


def test_the_manager_named_once_then_she_is_the_same_manager_driving_again():
    # guide red flag: "Manager-only ownership: 'my manager decided', 'my manager asked me to', repeated"
    text = (
        "My manager asked me to look at why returns were piling up in the goods-in area. She told me to start with the "
        "weekend backlog, so I sorted four hundred parcels by reason and found most were missing their return labels. "
        "I wrote a one-page guide for the packers and set up a daily count. Within a month the backlog was down to "
        "twenty parcels and customers got refunds three days sooner."
    )
    checks = grade(text, lp="ownership").checks
    assert checks["self_driven"].status == "fail", checks["self_driven"]
    assert any("She told me" in q or "she told me" in q.lower() for q in checks["self_driven"].evidence)


def test_a_manager_who_came_over_and_asked_is_directing_too():
    text = ("so i was a warehouse picker and my shift manager came over to me on the monday and asked me to find out why so "
            "many orders were short then she asked me to count every short pick for a week which i did and i logged the "
            "bin for each one she decided we would relabel the worst aisle and short picks fell from nine percent to two")
    checks = grade(text, lp="ownership").checks
    assert checks["self_driven"].status == "fail", checks["self_driven"]


@pytest.mark.parametrize("boss", ["the head", "the owner", "My editor", "Our partner"])
def test_whoever_the_candidate_answered_to_asks_by_their_title(boss):
    # fresh55's and fresh65's school heads, fresh35's bike shop, fresh58's news desk, fresh62's accounting firm (dev)
    text = (f"I looked after the IT at a secondary school. {boss} asked me to see if I could get the old laptops working "
            "again. I tested each one, I wiped them, I put a lighter system on them and I gave them back to the classes. "
            "Ninety of the hundred and twenty were in use again by the spring term, and the school saved about forty "
            "thousand pounds.")
    assert status(text, "self_driven", lp="frugality") == "warn"
    # ... and one taken over and past the ask is the candidate's
    further = text.replace("I tested each one", "I didn't want to just report back, so I took the project over myself. I tested each one")
    assert status(further, "self_driven", lp="frugality") == "pass"


def test_a_manager_who_acts_before_any_ask_opens_her_asks_and_one_only_talked_about_does_not():
    # the eighth round (blind): "my manager rang me ... and said she wanted ... she told me to offer ... she
    # asked me to sort out the tickets" is the manager driving three times, though no beat names "my manager asked"
    rang = ("I sold tickets for a boat-trip company. My manager rang me from the other harbour and said she wanted the "
            "afternoon trips moved to the morning. She told me to ring every booking, so I did, and I offered refunds. "
            "Then she asked me to change the tickets on the system, which took an hour. We lost fifteen bookings "
            "instead of a hundred and twenty.")
    c = grade(rang, lp="bias-for-action").checks["self_driven"]
    assert c.status == "fail", c.message
    assert any("she" in q.lower() for q in c.evidence)
    # the manager only talked about, then a colleague's request: nobody drove the candidate
    talked = ("My colleague was quoting customers a price without the port charges. I could have gone to the manager, "
              "but I asked her for a coffee and showed her the two complaints. She said the manager loved her numbers. "
              "The next week she asked me to go over her quote template with her, and her cancellations went from three "
              "to none.")
    assert status(talked, "self_driven", lp="earn-trust") == "pass"


def test_the_teams_steps_after_we_are_actions_not_the_result():
    # guide: "A story where 'we did X, we shipped Y, we improved Z' dominates is graded as
    # 'unclear individual contribution'": "we went to the bus company" is a step, not an outcome
    text = (
        "I worked in the central office of a school district, and we were looking at why so many students missed the "
        "school bus in winter. We decided that instead of fixing routes one by one we would build one live bus map for "
        "the whole district. We went to the bus company, we got the GPS feed, we built the map over the summer, and we "
        "launched it to every family in September. We also trained the school secretaries to use it, and we ran a "
        "campaign with the parents' association. I was on the team and I helped with the testing. By the winter, late "
        "arrivals caused by missed buses fell by about 30% across forty schools."
    )
    checks = grade(text, lp="think-big", seconds=60).checks
    assert checks["i_vs_we"].status == "fail", checks["i_vs_we"]
    assert checks["business_impact"].status == "pass", checks["business_impact"]  # the district's schools


def test_a_lesson_verb_used_as_a_habit_is_a_concrete_reflection():
    # guide: "The reflection is a behavioural change the candidate now uses repeatedly, not a
    # generic learning": "these days I learn the key phrases" is a practice, "I learned that" a lesson
    story = (
        "About a fifth of the women on our maternity unit spoke Portuguese and phone interpreters took twenty minutes to "
        "connect. I took an evening course in Portuguese, wrote a phrase sheet for labour with a doctor and taught it to "
        "twelve midwives. Within a year the women who said they understood what was happening went from 48% to 85%. "
    )
    habit = grade(story + "These days I learn the key phrases of any language that shows up often on our unit, before I need them.",
                  lp="learn-and-be-curious").checks
    assert habit["reflection"].status == "pass", habit["reflection"]
    assert habit["business_impact"].status == "pass", habit["business_impact"]  # the women cared for are the patients
    lesson = grade(story + "I learned that speaking to patients in their own language is really important.", lp="learn-and-be-curious").checks
    assert lesson["reflection"].status == "fail", lesson["reflection"]


def test_backbone_close_with_words_between_the_beat():
    # guide: "Close with the relationship still intact or stronger"; worked example: "asked me to lead the post-launch retro"
    base = (
        "My manager decided to close two of our twelve intensive care beds for the summer. I disagreed, pulled three "
        "summers of admissions data and wrote a two-page paper. She pushed back that I had counted two patients twice, "
        "and she was right; I re-ran the numbers and conceded the point. I disagreed with the call, but it was her call "
        "to make, and I committed: I wrote the surge rota myself and ran the first two surge weekends. We transferred no "
        "patients out that summer, compared with five the summer before. "
    )
    for close in ("She asked me afterwards to present the plan to the board with her.", "We have worked more closely since."):
        checks = grade(base + close, lp=BACKBONE, question="Tell me about a time you disagreed with your manager.").checks
        assert checks["backbone"].status == "pass", (close, checks["backbone"])


def test_owning_the_mistake_speaks_to_a_failure_question_and_breaking_work_down_owns_nothing():
    # guide, failure questions: "Pick a real failure where you owned the mistake"
    owned = (
        "i was responsible for the supplier payment run and one week i uploaded the payment file twice because the portal "
        "timed out and i didn't check the confirmation screen so forty two suppliers were paid twice i told my manager "
        "straight away that it was my mistake and i called every supplier myself to get the money back"
    )
    checks = grade(owned, lp="learn-and-be-curious", question="Tell me about a time you failed.", tags=["failure"]).checks
    assert checks["lp_framing"].status == "pass", checks["lp_framing"]
    # "I broke the problem down" is how the work was split, not a mistake owned
    split = (
        "Our year-end close was at risk because the consolidation tool was wrong. I broke the problem down by subsidiary, "
        "found three entities loaded in the wrong currency and wrote a script to reload them. We closed the year four days "
        "early. I now run old and new systems side by side before I switch anything off."
    )
    checks = grade(split, lp="earn-trust", question="Tell me about a time you rebuilt trust after a misstep.", tags=["failure"]).checks
    assert checks["real_failure"].status == "fail", checks["real_failure"]


def test_framing_beats_for_acting_before_the_slow_path_and_designing_a_fix():
    # guide, Bias for Action: "a calculated risk ... the reversibility of the action"
    fridge = (
        "I was the general manager of a hotel restaurant, and our walk-in fridge failed at three o'clock on a Friday, the "
        "day before a 120-guest wedding. The engineer couldn't come until Monday. Rather than wait or rewrite the menu, I "
        "rented two refrigerated vans from a local caterer within the hour, because that was cheap and we could hand them "
        "back the moment the fridge was fixed. I moved the stock across myself. The wedding went ahead with the full menu."
    )
    checks = grade(fridge, lp="bias-for-action", question="Tell me about a time you took a calculated risk.").checks
    assert checks["lp_framing"].status == "pass", checks["lp_framing"]
    # Invent and Simplify: "an innovative solution you proposed"
    caps = (
        "changing a moulding machine from one colour to another took ninety minutes so i timed twelve changeovers myself "
        "and i designed a simple colour card with five reference shades and i rewrote the changeover sheet from four pages "
        "into one and after two months the average changeover was down to thirty five minutes"
    )
    checks = grade(caps, lp="invent-and-simplify", question="Tell me about an innovative solution you proposed.").checks
    assert checks["lp_framing"].status == "pass", checks["lp_framing"]


# --------------------------------------------------------------------------- fixes from the third fresh dev batch


def test_an_outcome_word_said_as_a_steps_purpose_is_not_the_result():
    # guide: "engineering metrics only" -- "to make sure nothing was lost" is part of the action
    text = (
        "Our build pipeline had grown to fourteen stages and took forty minutes. I mapped every stage, I rewrote the "
        "configuration myself, and I ran the old and new pipelines side by side for a week to make sure nothing was lost. "
        "The build went from forty minutes down to nine, and flaky failures dropped from 12% of runs to under 1%. "
        "Now whenever I add a stage, I delete one first."
    )
    assert status(text, "business_impact", lp="invent-and-simplify") == "fail"


def test_a_steps_purpose_ends_with_its_sentence_and_what_works_again_is_the_result():
    # fresh40's hospital wristband printers (third round, read once measured): "... to check theirs." then a new
    # sentence, "Everything was working again within forty minutes", read as the purpose of the check
    text = ("On a Saturday the patient wristband printers in admissions stopped after a Windows update, and patients were "
            "being admitted without bands. I remoted onto the print server, I rolled the driver back on the three printers "
            "and I rang round the other two admission areas to check theirs. Everything was working again within about "
            "forty minutes, and the thirty or so patients admitted that afternoon all had wristbands before they left the "
            "unit. I wrote up what I'd done in the desktop team's ticket so they had it on Monday. Since then I keep the "
            "rollback steps in my on-call notes.")
    question = "Tell me about a time you took on something outside your scope."
    assert status(text, "star", lp="ownership", question=question) == "pass"
    # ... while the same words said inside the step's own sentence are still its purpose
    purpose = text.replace("to check theirs. Everything was working again within about forty minutes, and the thirty or so "
                           "patients admitted that afternoon all had wristbands before they left the unit.",
                           "to check that everything was working again.")
    assert status(purpose, "star", lp="ownership", question=question) == "fail"


def test_the_result_does_not_reach_back_into_the_previous_sentence():
    text = (
        "Our vegetable supplier was letting us down, deliveries were late two or three times a week and the chefs "
        "complained in every meeting. Everyone said we should wait for the contract review. I didn't want to wait, so I "
        "went ahead and switched us to a different supplier. It worked out fine in the end."
    )
    assert status(text, "business_impact", lp="bias-for-action") == "fail"


def test_a_number_told_after_the_last_action_is_the_result_without_an_outcome_word():
    text = (
        "i worked for a charity that ran a homework club in one library and the board wanted a second club "
        "i proposed a network run by library staff instead i wrote the proposal myself i built a pilot pack "
        "and i ran the first three branch pilots myself to prove it worked "
        "within two years the network had twenty two clubs across the county and about nine hundred children a week got help "
        "i now start every proposal by asking what it would look like everywhere"
    )
    c = grade(text, lp="think-big").checks["quantified_result"]
    assert c.status == "pass" and any("twenty two" in e or "nine hundred" in e for e in c.evidence), c


def test_none_of_the_other_four_patients_is_a_quantified_result():
    text = (
        "I was the nurse in charge on a Sunday when a patient in a six-bed bay developed sickness. The test would take two "
        "days, so I moved her into our side room straight away, I put the bay on enhanced cleaning and I rang the "
        "microbiologist myself. The test came back positive for norovirus. None of the other four patients in the bay "
        "caught it, and the ward stayed open all week. Since then I isolate first whenever the move can be undone."
    )
    c = grade(text, lp="bias-for-action").checks["quantified_result"]
    assert c.status == "pass" and "four patients" in " ".join(c.evidence), c


def test_an_own_step_with_a_number_is_not_the_result():
    text = (
        "I proposed merging two depots' routes. I built a routing model from a year of records and estimated it would "
        "cut our miles by about twenty percent. I also went out with four drivers from each depot. The trial went well, "
        "the board approved it, and our deliveries reached the shops earlier. I now write down the number that would "
        "prove me wrong first."
    )
    assert status(text, "quantified_result", lp="are-right-a-lot") == "warn"


def test_an_outcome_number_with_more_of_the_candidates_steps_still_to_come_is_part_of_the_action():
    # fresh31's union bar and charity (numbers only in the action): "I cut the drinks menu down to twelve
    # items" is a step, told with three more after it; the outcome at the end has no number
    text = ("For freshers week our bar expected twice the usual crowd. Instead of buying more tills I set up two token "
            "stations at the door. I cut the drinks menu down to twelve items so everything was quick to pour. "
            "I trained the new staff on the token system. I ran the busiest door myself. I moved the glass washer "
            "behind the bar. The queues were much shorter and the week went smoothly. Now I plan every busy night "
            "from the previous year's till data.")
    result = grade(text, lp="frugality", question="Tell me about a time you delivered with limited resources.").checks["quantified_result"]
    assert result.status == "warn" and "on the way" in result.message
    measured = text.replace("The queues were much shorter", "The longest queue was eight minutes against forty the year before")
    assert status(measured, "quantified_result", lp="frugality", question="Tell me about a time you delivered with limited resources.") == "pass"


def test_a_number_with_two_steps_to_come_is_the_action_when_the_outcome_is_told_last_without_one():
    # fresh21's bridal shop, fresh39's mobile library: the outcome comes after the last step and has no
    # number, so "went from two sizes to five" two steps before it is how the work was done
    text = ("I was assistant manager at a bridal shop, and brides above a size fourteen had nothing to try on. I went "
            "through the designers' catalogues and redid our sample rail so it went from two sizes to five. "
            "I rewrote the booking form so a bride could give her size in advance. I put the new sizes on our "
            "website. After that a lot more of those brides ordered with us, and our "
            "reviews started mentioning it. Now I check every sample order against the sizes brides gave us.")
    result = grade(text, lp="customer-obsession", question="Tell me about a time you went above and beyond for a customer.").checks["quantified_result"]
    assert result.status == "warn" and "on the way" in result.message
    # a number in the outcome told last is the result, and the earlier one stays a step
    measured = text.replace("a lot more of those brides", "thirty more of those brides a year")
    assert status(measured, "quantified_result", lp="customer-obsession", question="Tell me about a time you went above and beyond for a customer.") == "pass"
    # with only one step still to come the number may be the first outcome
    one_step = text.replace("I rewrote the booking form so a bride could give her size in advance. ", "").replace(
        "I put the new sizes on our website.", "I rang every bride who had cancelled.")
    assert status(one_step, "quantified_result", lp="customer-obsession", question="Tell me about a time you went above and beyond for a customer.") == "pass"


def test_the_hours_the_tellers_own_team_spent_are_its_workload_not_an_outcome():
    # fresh34's orphaned nightly job, fresh39's brewery checks: the team's own time is no one served
    text = ("I was a data engineer on the analytics platform team. An old nightly job failed three times a week and "
            "whoever was on call reran it by hand. I decided to own it. I read the failure logs, rewrote the job as an "
            "incremental load and moved its schedule away from the vacuum window. Over the next quarter the hours our "
            "team spent rerunning it dropped from fifteen a month to under two. Now I put a named owner on every job "
            "I find without one.")
    question = "Tell me about a time you handled a problem nobody owned."
    assert status(text, "business_impact", lp="ownership", question=question) == "fail"
    served = text.replace("the hours our team spent rerunning it dropped from fifteen a month to under two",
                          "the analysts had their booking reports by eight every morning instead of by noon")
    assert status(served, "business_impact", lp="ownership", question=question) == "pass"
    # a failure's cost includes "engineer time" (guide), so there the same words still count
    failure = text.replace("I decided to own it.", "I had broken it myself with a schema change.")
    assert status(failure, "business_impact", lp="ownership", question="Tell me about a time you made a mistake.", tags=("failure",)) == "pass"


def test_the_tellers_own_queue_and_a_fleets_patch_level_are_nobody_served():
    # fresh43's streaming billing and building society IT (third round, read once measured): tickets raised to the
    # candidate's own team are its workload; a patch level is the machines', not a regulator's compliance
    billing = ("Subscribers whose card was declined got a generic email, and support raised a ticket to us for every one. I read "
               "three hundred of those tickets, I rebuilt the retry flow around the bank's authentication step and I built a "
               "lookup for the support agents. After the rollout, tickets to my team dropped from about fifty a week to five. "
               "Since then I read a sample of support tickets every month.")
    question = "Tell me about a time you used customer feedback to improve a product."
    assert status(billing, "business_impact", lp="customer-obsession", question=question) == "fail"
    served = billing.replace("tickets to my team dropped from about fifty a week to five",
                             "declined subscribers who kept their subscription went from forty percent to seventy")
    assert status(served, "business_impact", lp="customer-obsession", question=question) == "pass"
    patching = ("Nobody owned patching for the branch machines. I took it on, I wrote the scripts that patched them overnight "
                "and I put the monthly report into the IT risk review. Within three months patch compliance across the "
                "branches went from sixty-one percent to ninety-eight. I now check the patch report every Monday.")
    assert status(patching, "business_impact", lp="ownership", question="Tell me about a problem nobody owned.") == "fail"


def test_customers_outside_software_are_found_by_what_they_do_and_whom_a_pronoun_stands_for():
    # the fourth round (read once measured): fine answers from a bank branch, a care provider and a court office
    # failed business_impact because their customers were not in any list
    branch = ("A software fault sent forty of our business customers the wrong interest letters. I went to see every one of "
              "them in person, I explained what had gone wrong and I set up a manual check on every letter run. Most of them "
              "stayed with us, and a few of them said they appreciated me coming in person. I now check a sample of every "
              "letter run myself.")
    question = "Tell me about a time you rebuilt trust after a misstep."
    assert status(branch, "business_impact", lp="earn-trust", question=question) == "pass"
    care = ("I gave a client the wrong dose from an out-of-date chart. I reported it to my manager the same day and I rang "
            "the family myself. His mum was really upset, but because I had told her myself she stayed with us, and I "
            "brought in a two person check for every chart change. I still read every change back from the label.")
    assert status(care, "business_impact", lp="earn-trust", question=question) == "pass"
    # ... while the same pronoun after a colleague is the candidate's own side
    colleague = care.replace("I rang the family myself. His mum was really upset", "I rang my manager myself. She was really upset")
    assert status(colleague, "business_impact", lp="earn-trust", question=question) == "fail"
    court = ("Interpreters kept missing morning hearings. I went through a year of adjournments, I found the bookings were "
             "sent a day late and I moved the booking onto the listing screen. Over the next six months interpreter "
             "adjournments went from fourteen a month to two, about a hundred and forty trials a year that now go ahead "
             "on the day for victims and witnesses. I now check the adjournment log every Friday.")
    assert status(court, "business_impact", lp="dive-deep", question="Tell me about a time you found a root cause.") == "pass"


def test_another_team_served_is_the_results_customer_but_colleagues_are_not():
    # README: "the result is told in terms of any customer or user class's outcome"
    served = (
        "I was asked to move our reporting jobs to a new scheduler before the quarter end. I mapped every job myself, "
        "I rewrote the four slowest and I ran both schedulers side by side for a week. We finished four days late instead "
        "of three weeks late, and the finance team got their reports back before the quarterly close. "
        "I now map every consumer of a system before I move it."
    )
    c = grade(served, lp="deliver-results").checks["business_impact"]
    assert c.status == "pass", c
    colleagues = (
        "My goal was to move our reporting database off an old version. I did the migration plan, the schema changes and "
        "the cutover scripts myself, and I rehearsed the cutover three times. After the cutover, two women from the data team "
        "checked every report, and query times dropped by 70%. Since then I rehearse every cutover twice."
    )
    c = grade(colleagues, lp="deliver-results").checks["business_impact"]
    assert c.status == "fail", c


def test_a_pupils_scores_and_a_classs_results_are_whom_a_school_story_serves():
    text = (
        "i was a year four teacher and a deaf girl joined my class she was missing most of what went on so i took an "
        "evening course in sign language and i taught the class twenty signs and i wrote every instruction on the board "
        "by the summer her reading score had gone from forty one percent to sixty eight percent and she had not missed a "
        "single day in the last term these days i learn the key words of any child's first language before they join"
    )
    assert status(text, "business_impact", lp="learn-and-be-curious") == "pass"


def test_the_result_subject_in_run_on_speech_reaches_back_to_the_joining_word():
    text = (
        "i was a team leader in a call centre and our script said the new tariff was cheaper when for most callers "
        "it was not i listened to forty calls myself and i rewrote the script and i went through it with the head of "
        "sales and i called back everyone who had switched and waived the fees for all of them and "
        "complaints about the tariff fell to almost zero within a month now whenever a script changes i listen to ten calls first"
    )
    c = grade(text, lp="earn-trust").checks["business_impact"]
    assert c.status == "pass" and "complaints" in " ".join(c.evidence), c


def test_a_customer_obsession_story_with_nobody_it_served_answers_a_different_question():
    text = (
        "I was a senior developer on a billing service with almost no tests. My team wanted to keep adding features, but I "
        "argued that we should stop and pay down the technical debt first. I wrote a proposal with the defect counts, I "
        "split the biggest module into four services myself and I wrote the test harness. Test coverage went from 8% to "
        "64% and build time fell from twenty-five minutes to six. Since then I set aside a fifth of every quarter for debt."
    )
    q = "Tell me about a decision where you sided with the customer over your team."
    assert status(text, "lp_framing", lp="customer-obsession", question=q) == "fail"
    internal = (
        "I looked after our payroll system, and my customers were internal: the finance team, who used its exports to "
        "close the books. They said in our survey that the close took four days of re-keying. I sat with two accountants "
        "through a whole close, I rebuilt the export in the layout their ledger imported and I tested it on three months. "
        "The next close took a day and a half. Since then, before I change any report, I sit with the people who use it."
    )
    q = "Tell me about a time you used customer feedback to improve a product."
    assert status(internal, "lp_framing", lp="customer-obsession", question=q) == "pass"


def test_earn_trust_beats_are_trust_not_any_rebuilt_or_opened_thing():
    # a deadline story answers a different question than "difficult feedback delivered honestly"
    text = (
        "I was a project coordinator building a new primary school that had to open for the September term. In May the "
        "steel frame was three weeks behind. I rebuilt the programme so the roofers and electricians could work in "
        "parallel, I booked extra crane days and I ran a short site meeting every morning. We handed the building over "
        "eleven days before term and the school opened on time for its 420 pupils. Since then I always plan a parallel path."
    )
    q = "Tell me about a difficult piece of feedback you delivered honestly."
    assert status(text, "lp_framing", lp="earn-trust", question=q) == "fail"


def test_principle_beats_from_the_third_batch():
    bias = (
        "Our vegetable supplier was letting us down, deliveries were late two or three times a week and the chefs "
        "complained in every meeting. The contract was up for review in six months and everyone said we should wait. "
        "I didn't want to wait, so I went ahead, I found two other suppliers, I ran a week's trial with one of them and I switched us."
    )
    assert status(bias, "lp_framing", lp="bias-for-action", question="Tell me about a time you took a calculated risk.") == "pass"
    scale = (
        "As we grew, hundreds of our drivers started waiting for airport trips on the residential streets next to the "
        "airport, with engines running. I read the residents' complaints to the council and I negotiated a holding area in "
        "an airport car park, and complaints fell from sixty a month to four."
    )
    q = "Tell me about a time you made a decision that considered its impact on the wider community."
    assert status(scale, "lp_framing", lp="success-and-scale-bring-broad-responsibility", question=q) == "pass"


def test_backbone_make_it_work_is_the_commit_and_slides_are_a_preference():
    commit = (
        "My manager decided to move two standby points to the ring road, and I disagreed: I had six months of call data "
        "and wrote it up. She pushed back on my drive times and she was right, so I re-ran it. She kept her decision. "
        "I told her I still disagreed but I would make it work, and I did: I rewrote the rota and I briefed every crew. "
        "Response times held, and we have worked more closely since."
    )
    c = grade(commit, lp=BACKBONE).checks["backbone"]
    assert c.status == "pass", c
    slides = (
        "My manager wanted our weekly sales update to be a slide deck, and I thought it should be a written document. "
        "I told her I disagreed and explained why in our one to one. She preferred slides, so we kept the slides, and I "
        "made the deck every week. Now I ask readers which format they want."
    )
    checks = grade(slides, lp=BACKBONE).checks
    assert checks["backbone"].status == "fail" and checks["lp_framing"].status == "warn"


def test_a_failure_story_whose_outcome_is_the_owned_mistake_has_its_result():
    # guide: "Pick a real failure where you owned the mistake ... The score is for the ownership and the learning"
    text = (
        "Last year I led the move of our team's reports to a new workflow tool and I planned it as a two-week job. "
        "I hadn't asked the finance team which reports they used; I'd assumed we knew. In the third week finance told us "
        "that two of the reports they relied on were missing from my plan, and I had to go back and rebuild them. "
        "That was my planning mistake, and I said so in our retro. Since then I send every consumer a list first."
    )
    checks = grade(text, lp="learn-and-be-curious", question="Tell me about a time you failed.", tags=("failure",)).checks
    assert checks["star"].status == "pass", checks["star"]
    assert checks["quantified_result"].status == "warn", checks["quantified_result"]


def test_backbone_evidence_said_missing_and_a_closer_number_are_not_beats():
    no_evidence = (
        "My product lead wanted to remove the free tier, and I disagreed strongly, because I felt our free users were our "
        "best source of word of mouth. He asked whether I had any data on referrals from free users, and I admitted I "
        "didn't; he was right that I was going on instinct. He decided to go ahead. I committed: I rebuilt the onboarding "
        "flow myself. Revenue rose 9%. He thanked me, and we've worked closely since."
    )
    c = grade(no_evidence, lp=BACKBONE).checks["backbone"]
    assert c.status == "warn" and "evidence" in c.missing, c
    no_close = (
        "Our director decided to send returned electronics straight back to stock, and I opposed it: I had three months of "
        "inspection records showing one in nine had a fault. His team challenged my sample and they had a point: on a "
        "normal month it was closer to one in fourteen, so I revised my paper. He went ahead. Once it was decided, I "
        "committed to it: I retrained my shift and I wrote the quick checks. Second returns stayed under 2%."
    )
    c = grade(no_close, lp=BACKBONE).checks["backbone"]
    assert c.status == "warn" and "close" in c.missing, c


@pytest.mark.parametrize(
    "ending, expected",
    [
        # a past sentence is the story even if one verb is read as present
        ("I load tested it against a copy of their data before I shipped it.", "warn"),
        # a habit word makes the sentence a habit whatever its verbs are tagged
        ("Now, when a problem is blamed on people, I split the data by place and time before I accept it.", "pass"),
        # a self-assessment and "the main lesson" are generic
        ("I think it shows I can speak up but also commit when a decision goes the other way.", "fail"),
        # ... said in the past, or of what the candidate is (fresh55's and fresh61's closes, dev)
        ("i think it showed i can disagree and still commit when the decision goes the other way", "fail"),
        ("I think it shows that I'm open to feedback, but I also stand by my analysis when the numbers back it up.", "fail"),
        ("I think the main lesson is that people really do matter.", "fail"),
        # the perfect after a superlative describes the story, it is no change
        ("It was one of the most intense projects I have worked on.", "warn"),
        ("I have kept the pre-aggregation job pattern for every dashboard since.", "pass"),
    ],
)
def test_reflection_past_sentences_habit_words_and_self_assessment(ending, expected):
    text = ("A customer's dashboard kept timing out on Monday mornings. I watched their analyst load it while I tailed our logs, "
            "I wrote a pre-aggregation job and I rewrote the six widget queries. Timeouts dropped from around 300 a week to zero. "
            + ending)
    assert status(text, "reflection", lp="customer-obsession") == expected


def test_a_hypothetical_answers_opening_belief_is_its_generic_lesson():
    text = (
        "I think ownership is one of the most important principles. If I saw a problem outside my scope, I would not ignore "
        "it. I would first reach out to the owning team. If nobody owned it, I would write a short proposal, and I would fix "
        "it myself if that was the fastest way. That is how I would approach it."
    )
    assert status(text, "reflection", lp="ownership") == "fail"


def test_a_risk_the_manager_took_only_touches_bias_for_action():
    # guide: "Manager-only ownership: 'my manager decided', 'my manager asked me to'"
    text = (
        "My manager told me the database cutover had to happen that weekend even though we didn't have all the test "
        "results. She asked me to prepare a rollback plan, and she decided we would do the cutover on Saturday night. "
        "She told me to run it, so I ran the scripts, I checked the replicas and I watched the error rate. The cutover "
        "finished in two hours with a rollback ready that we never needed."
    )
    c = grade(text, lp="bias-for-action", question="Tell me about a time you took a calculated risk.").checks["lp_framing"]
    assert c.status == "warn", c


def test_a_goal_beaten_against_target_and_a_fix_made_for_good_speak_to_their_principles():
    quota = ("Last quarter my target was four hundred thousand dollars. I called my old customers again, I closed a big "
             "deal in the last week, and I ended at five hundred and twenty thousand, which was 130% of target.")
    assert status(quota, "lp_framing", lp="deliver-results", question="Tell me about a goal you exceeded.") == "pass"
    month_end = (
        "Our month-end valuation depended on a spreadsheet one person had built ten years earlier. When she announced "
        "she was retiring, I decided to replace it properly. I mapped every tab, I interviewed the portfolio managers and "
        "I wrote a specification, and we built a valuation service. Valuations were ready on the second working day "
        "instead of the fifth, and in the two years since we have not restated a single client statement."
    )
    q = "Tell me about a long-term decision you made that paid off later."
    assert status(month_end, "lp_framing", lp="ownership", question=q) == "pass"


def test_a_participle_describing_a_thing_does_not_start_the_result():
    # guide red flag: "The Result section is missing"
    text = (
        "Our consultant's bridge inspection reports had started to look copied: a dozen of them used the same sentences. "
        "I went out to three of the bridges myself to compare the real condition with what was written, I documented the "
        "differences with dated photos and I wrote to the consultant's director listing every report to be redone. I also "
        "rewrote our acceptance checklist so that every report needed dated photographs and a signed site-visit record."
    )
    checks = grade(text, lp="insist-on-the-highest-standards").checks
    assert checks["star"].status == "fail", checks["star"]
    assert checks["business_impact"].status == "fail", checks["business_impact"]


def test_the_candidates_asks_start_their_part_of_the_story():
    text = (
        "During a regional outage our database failover was stuck, and the vendor couldn't tell us when their fix would "
        "land. I didn't have full information about the root cause, but I knew our read replicas in the other region were "
        "healthy. I made the call to promote a replica and point traffic at it, because we could always fail back. I wrote "
        "the steps in the incident channel, ran them with a second engineer watching, and kept the old primary untouched. "
        "Customers could place orders again much sooner, and the vendor's fix came hours later. "
        "Since then I always write down whether a decision is reversible before I act."
    )
    assert status(text, "star", lp="bias-for-action") == "pass"


def test_dive_deep_whose_deepest_cause_others_found_is_only_touched():
    # guide: "the moment of finding the actual root"
    base = ("my manager asked me to find out why complaints about wrong substitutions had gone up so i cleaned up the "
            "store names and matched each complaint to its order then i split the last month of complaints by store and "
            "found that two stores accounted for most of the increase ")
    theirs = base + ("i sent that to the store operations team and they found that the pickers at those two stores were on "
                     "an older version of the picking app and complaints went down by thirty percent the next month")
    mine = base + ("then i went to both stores and watched the pickers and i found that they were on an older version of the "
                   "picking app and after the update complaints went down by thirty percent the next month")
    q = "Tell me about a metric you investigated when others were satisfied."
    assert status(theirs, "lp_framing", lp="dive-deep", question=q) == "warn"
    assert status(mine, "lp_framing", lp="dive-deep", question=q) == "pass"


def test_customers_outside_software_keep_a_customer_obsession_story_on_its_principle():
    text = (
        "I worked in accounts at a dairy cooperative. Payments for milk were often late because the lab results came after "
        "the payment run. I phoned ten of the farmers myself to hear what a late payment meant for them, I agreed a cut-off "
        "with the lab and I built a sheet that flagged missing results. Late payments to farmers fell from 23 a month to 2."
    )
    q = "Tell me about a time you went above and beyond for a customer."
    assert status(text, "lp_framing", lp="customer-obsession", question=q) != "fail"


def test_a_past_lesson_beside_a_present_habit_keeps_the_habit():
    text = ("A customer's dashboard kept timing out. I tailed our logs, I wrote a pre-aggregation job and I rewrote the queries. "
            "Timeouts dropped from around 300 a week to zero. "
            "I realised I had assumed the data was small, and I write down the data volume before I design a query.")
    assert status(text, "reflection", lp="customer-obsession") == "pass"


def test_an_outcome_told_as_what_stopped_is_the_result_of_its_customers():
    # the issue's own example: "drivers weren't stuck waiting" is whose outcome it is
    text = ("I noticed nobody owned the depot's loading plan, so I mapped every step myself, I rewrote the schedule and I "
            "trained the team on it. Drivers weren't stuck waiting at the depot any more, and waits fell by 40%. "
            "Since then I map the flow before I change anything.")
    assert status(text, "business_impact", lp="ownership") == "pass"


def test_beats_and_readings_from_probing_strong_answers():
    # Think Big: the whole network instead of one site
    think_big = ("I was a librarian at one branch, and the request was to run a coding club there. I proposed running it "
                 "across all twenty-three branches in the county instead, with volunteers from local employers. I wrote the "
                 "plan, I recruited the first forty volunteers myself and I built a kit any branch could use. Within two years "
                 "the clubs reached about two thousand children a term.")
    q = "Tell me about a time your idea was bigger than the team thought possible."
    assert status(think_big, "lp_framing", lp="think-big", question=q) == "pass"
    # Success and Scale: what the company's growth did to its neighbours
    scale = ("As our parcel network grew, our vans started idling outside a primary school at pick-up time. I went to the "
             "school gates myself for a week and counted the vans, I moved our drop windows on those streets and I briefed "
             "every driver. Idling vans near the school fell from about twenty a day to two.")
    q = "Tell me about a time you considered the wider impact of a decision."
    assert status(scale, "lp_framing", lp="success-and-scale-bring-broad-responsibility", question=q) == "pass"
    # a manager's wish the candidate argued against is the other side, not the manager driving
    right = ("My director wanted to close our smallest store because its sales were falling. I looked at the card data "
             "myself and I argued we should turn it into a collection point instead, and I ran a three-month trial. "
             "Collections there grew by 60%.")
    assert status(right, "self_driven", lp="are-right-a-lot") == "pass"
    # "took one day instead of five" is the new time against the old
    learn = ("i taught myself sql from an online course and i built one query that pulled the six spreadsheets together and "
             "i showed the team how to run it the next quarterly report took one day instead of five")
    assert status(learn, "quantified_result", lp="learn-and-be-curious") == "pass"


def test_we_went_live_is_the_result_and_a_long_subject_belongs_to_it():
    go_live = ("I joined a school's move to a new management system when the project was six weeks behind. I went through the "
               "plan with each department, I cut the scope to what had to work on day one and I ran the data checks myself "
               "over two weekends. We went live on the first day of term, every pupil had a timetable, and parents got their "
               "first attendance texts that week. Since then I write down the three things that must work on day one first.")
    checks = grade(go_live, lp="deliver-results", question="Tell me about a time you stepped in to recover a failing project.").checks
    assert checks["star"].status == "pass" and checks["business_impact"].status == "pass", (checks["star"], checks["business_impact"])
    starters = ("New starters needed eleven forms signed by four people before their first day. I mapped the forms, I built a "
                "single online form, and I tested it with the next ten starters and fixed what confused them. The share of "
                "starters with a laptop and a pass on day one went from about 60% to 95%. Now whenever a process needs more "
                "than one form, I ask which fields are really different first.")
    c = grade(starters, lp="invent-and-simplify").checks["business_impact"]
    assert c.status == "pass", c


def test_a_frugality_answer_that_spends_more_answers_a_different_question():
    text = ("Our warehouse was behind on the peak season plan and we were short of pickers. I asked for budget and got "
            "approval to hire twelve more agency pickers, and I bought a new scanning system so they could start faster. "
            "I trained them myself in the first week. We cleared the backlog in ten days.")
    q = "Tell me about a time you delivered with limited resources."
    assert status(text, "lp_framing", lp="frugality", question=q) == "fail"


def test_what_others_said_is_no_step_and_a_thin_dive_is_only_touched():
    text = ("Sales at our store dropped last summer and everyone said it was the weather. I didn't believe that. I looked into "
            "it and it turned out to be the new shelf layout. Sales went back up by 8% after we changed it back.")
    checks = grade(text, lp="dive-deep", question="Tell me about a time you went two layers deeper than the surface explanation.").checks
    assert checks["star"].status == "warn", checks["star"]
    assert checks["lp_framing"].status == "warn", checks["lp_framing"]


def test_a_result_told_by_the_season_is_found():
    text = ("Our team of six had a target of 400 repairs a month, and we were at 310 when I took over in January. I reorganised "
            "the rota so the two most experienced engineers took the hardest jobs, I cut the paperwork for each job from three "
            "forms to one, and I met each engineer every Monday. By the summer we were regularly beating the target and the "
            "customers were much happier. Now I always start by looking at who does the hardest jobs.")
    checks = grade(text, lp="deliver-results", question="Tell me about a goal you exceeded.").checks
    assert checks["star"].status == "pass" and checks["business_impact"].status == "pass", (checks["star"], checks["business_impact"])
    assert checks["quantified_result"].status == "warn"


def test_reported_words_of_a_manager_the_lift_as_a_noun_and_redrew_are_read_right():
    bias = ("I was the duty manager when our conveyor controller failed on a Friday night. I knew that if we waited for the "
            "engineer on Monday, about nine thousand parcels would miss their day, and that a hire crew could be cancelled at "
            "no cost before midnight. I booked twenty extra hand sorters, I set up three manual sort lanes and I ran the first "
            "lane myself. My manager told me afterwards that she would have done the same. We sorted every parcel by six in "
            "the morning, and 98% of them were delivered on their promised day. Today I still decide whether a step can be "
            "undone before I wait for anyone.")
    checks = grade(bias, lp="bias-for-action", question="Tell me about a time you took a calculated risk.").checks
    assert checks["self_driven"].status == "pass" and checks["lp_framing"].status == "pass", (checks["self_driven"], checks["lp_framing"])
    backbone = ("Our head of nursing decided to move the discharge lounge to the ground floor. I opposed it because I had three "
                "months of data showing most discharges came from the upper wards. She showed me the lift data, and I accepted "
                "that the lift queues were worse than I thought. She kept her decision. I committed to it: I redrew the porter "
                "routes myself and I briefed every ward. Patients' waits in the lounge fell by twenty minutes, and she asked me "
                "to lead the next review with her. I now look for the other side's data before I write mine up.")
    c = grade(backbone, lp=BACKBONE).checks["business_impact"]
    assert c.status == "pass", c


def test_one_ask_from_the_manager_does_not_take_the_principle_away():
    text = ("My manager asked me to look at the late invoices. I found the handover between sales and accounts was the cause, "
            "and rather than wait for the quarterly review I changed the handover that week, because it could be undone. "
            "Late invoices fell from a hundred a month to eight.")
    assert status(text, "lp_framing", lp="bias-for-action", question="Tell me about a time you took a calculated risk.") == "pass"


def test_the_customers_voice_later_in_the_story_and_a_withdrawn_complaint():
    shop = ("i ran the online shop for a garden centre and customers kept leaving reviews saying the plants arrived damaged "
            "i read every one of the reviews from that spring and i packed twenty orders myself to see what went wrong the "
            "boxes were too big so the pots tipped over i found a supplier of fitted inserts and i rewrote the packing guide "
            "damage complaints went down from about six percent of orders to under one percent and our average review went "
            "up from three point two stars to four point six now whenever a complaint comes in twice i pack that order myself")
    q = "Tell me about a time you used customer feedback to improve a product."
    assert status(shop, "lp_framing", lp="customer-obsession", question=q) == "pass"
    tenant = ("i was a housing officer and i had promised a tenant that her boiler would be fixed in a week and i hadn't checked "
              "the contractor's list i went round to see her and told her plainly that it was my fault and i got her a heater "
              "that day and i phoned her every friday until the boiler was done she withdrew her complaint and she asked for "
              "me by name the next time she had a problem since then i never give a tenant a date until it is confirmed")
    assert status(tenant, "business_impact", lp="earn-trust") == "pass"


@pytest.mark.parametrize(
    "ending",
    [
        "Build times dropped by 60% and the support rotation got two fewer pages a week.",
        "The service account's error rate fell to 0.1%.",
        "Memory use went down to 2 GB and the job finished on time every night.",
        # fresh76's SRE (blind): the on-call engineers' pages and their calmer rota are the team's own comfort
        "Pages dropped from around 30 a week to about 5. The on-call rotation got a lot calmer and people stopped trying to "
        "swap out of their weeks.",
        "The job queue backlog dropped from two hours to five minutes.",
    ],
)
def test_words_engineers_share_with_business_do_not_rescue_an_engineering_result(ending):
    # guide: "The Result section is ... in engineering metrics only with no customer or business framing"
    text = ("Our nightly jobs kept failing and nobody owned them, so I took it on. I profiled each stage myself, I rewrote the "
            "slowest two and I added retries. " + ending)
    assert status(text, "business_impact", lp="ownership") == "fail"


@pytest.mark.parametrize(
    "ending",
    [
        "After that the checkout api p99 went from two seconds to three hundred milliseconds.",
        "The build pass rate on first run went up to ninety four percent.",
        "Queries on the admissions table now take forty milliseconds instead of six seconds.",
        # fresh21's and fresh26's connection pools (dev): an HTTP client and its connections
        "After I capped connections per client, p99 went from two seconds to three hundred milliseconds.",
        "After that p99 went back down to three hundred milliseconds and we stopped churning connections.",
        # fresh34's clinic bookings (dev): a metric measured on the customers' word, and a possessive system part
        "After the change the booking endpoint's error rate dropped from 1.2 percent to 0.1 percent and p95 latency on bookings fell to 210 milliseconds.",
        # fresh35's replication slot (dev): the write-ahead log's retention, not customers'
        "Disk usage went from ninety four percent back down to fifty one and wal retention went back to normal.",
        # fresh54's queue (dev): a queue's readers and their lag, and the machine's load on them
        "After that the consumer lag dropped under a second and CPU on the consumers fell from ninety five percent to forty.",
        # fresh54's workshop (dev): a tool, not a motorist
        "After that the worst joint step went from 0.38 mm to 0.09 and clamping was set with a torque driver every time.",
        "After that the DNS client kept its pool and p99 went from nine hundred milliseconds to two hundred and fifty.",
        # fresh44's, fresh46's and fresh50's products (dev): a part named by what it is for
        "By September coverage on the payments service was eighty four percent and the build took eleven minutes.",
        "After the release memory use on the booking screen dropped by seventy percent.",
        "Afterwards coverage on the appointment engine went from thirty to eighty five percent.",
    ],
)
def test_a_business_word_naming_a_part_of_a_system_does_not_frame_the_result(ending):
    # fresh25's game QA and admissions letters, fresh26's connection pool (blind): "checkout", "pass
    # rate", "admissions" said as the name of an api, a build or a table read as the customers'
    text = ("Our nightly jobs kept failing and nobody owned them, so I took it on. I profiled each stage myself, I rewrote the "
            "slowest two and I added retries. " + ending)
    assert status(text, "business_impact", lp="ownership") == "fail"
    # the same words said of the customers still frame it
    served = ("Our nightly jobs kept failing and nobody owned them, so I took it on. I profiled each stage myself, I rewrote "
              "the slowest two and I added retries. After that checkout failures for shoppers fell by half.")
    assert status(served, "business_impact", lp="ownership") == "pass"
    # (fresh20's returns, dev: the customer service team is the business's, not a system's part)
    assert status(served.replace("checkout failures for shoppers fell by half", "contacts to customer service fell by forty one percent"),
                  "business_impact", lp="ownership") == "pass"


def test_a_pronoun_for_the_customer_named_before_it_is_the_results_customer():
    # fresh14's tyre fitter (dev): "a customer came in ... she came back the next week with a box of biscuits"
    text = ("so one saturday a customer came in for two front tyres and the locking wheel nut key wasnt in the car and the "
            "other lads said it wasnt our problem so i said i would sort it i got the extractor kit out and i took the "
            "locking nuts off myself it took me about two hours but i got both nuts off fitted the two tyres and put "
            "standard nuts on for her at no charge and she drove away that afternoon she came back the next week with a box "
            "of biscuits for the workshop and now whenever a car comes in i check the key is in the glovebox before i lift it")
    assert status(text, "business_impact", lp="ownership") == "pass"
    # ... but not one standing for the candidate's side, named last
    boss = text.replace("and she drove away that afternoon she came back", "and my manager saw it and she came back")
    assert status(boss, "business_impact", lp="ownership") == "fail"


def test_what_customers_would_get_is_no_business_outcome():
    # fresh35's energy records (dev): a real start that drifts into "what i would do"; the agents who
    # "wouldnt have to look in three places" are a supposition, not the result's customers
    text = ("i noticed our customer data lived in three systems so i raised it at the architecture forum and i wrote a one "
            "page note on it and then what i would do is i would start with billing and i would build one golden record "
            "and i think it would cut the duplicate records by something like thirty percent and it would save the call "
            "centre a lot of time because agents wouldnt have to look in three places")
    assert status(text, "business_impact", lp="think-big") == "fail"


def test_the_candidates_own_step_is_no_business_outcome_whatever_its_verb():
    # fresh13's permits engine (dev): "I converted all two hundred and twelve rules into the table" read as conversion
    text = ("The parking permit rules were spread across three systems, so I proposed a single rules table. I wrote the "
            "engine myself, I converted all two hundred and twelve rules into the table and I ran the old and new logic "
            "side by side. After the switch the code went from nine thousand lines to six hundred and test coverage rose "
            "to ninety percent.")
    assert status(text, "business_impact", lp="invent-and-simplify") == "fail"
    served = text.replace("test coverage rose to ninety percent", "residents got their permits two days sooner")
    assert status(served, "business_impact", lp="invent-and-simplify") == "pass"


def test_building_something_is_a_step_not_the_builds_engineering_metric():
    # fresh28's dairy farm (blind): "i built a simple report" read as the engineering metric "build",
    # so a strong answer was told its result was engineering metrics only
    text = ('so i was herd manager on a dairy farm with about two hundred and twenty cows and we had just put in two '
            'milking robots and the robots collect a huge amount of data on every cow milk yield rumination how often she '
            'visits but nobody on the farm really knew how to use it we were just reacting to the alarms what bothered me '
            'was we were still catching lameness late like when a cow was already limping and lameness is the thing that '
            'costs you most in a dairy herd so i took it on i did a short online course from the robot maker in the '
            'evenings and then i exported six months of data into a spreadsheet and taught myself how to plot it cow by '
            'cow and i found that cows were visiting the robot less often two or three days before they went lame so i '
            'built a simple report that flagged any cow whose visits dropped by more than a fifth and i checked those '
            'cows myself every morning before breakfast over the next year our lameness cases went down from about sixty '
            'to thirty five and the vet said we were catching them days earlier and the milk from those cows held up and '
            'now i spend an hour every friday going through the robot data because i keep finding things')
    checks = grade(text, lp="learn-and-be-curious").checks
    assert "engineering" not in checks["business_impact"].message
    assert status("I profiled the nightly job myself and rewrote its slowest stage. After that the build took nine "
                  "minutes instead of forty.", "business_impact", lp="ownership") == "fail"


def test_a_habit_said_mid_story_does_not_end_the_story_before_its_result():
    # fresh28's canal trust (blind): "I still walk the stretch myself every October" said before the
    # result was taken as the closing reflection, and the result after it was never read
    text = ("I was a volunteer coordinator for a canal trust. Every winter the same stretch below the lock flooded, and "
            "nobody owned the culverts. I spent two weekends tracing every pipe along that stretch, I found four culverts "
            "that were silted up, and I cleared the worst one myself. Then I set up a quarterly culvert check with a named "
            "lead for each one, and I still walk the stretch myself every October. The next winter the towpath was closed "
            "for zero days, against nineteen the winter before, and the cyclists' group wrote to say so. Now, when "
            "something sits between two organisations, I get the ownership written down before anyone picks up a spade.")
    checks = grade(text, lp="ownership").checks
    assert checks["star"].status == "pass"
    assert checks["quantified_result"].status == "pass"
    assert checks["business_impact"].status == "pass"
    # ... and when what the others have done since is told in the present perfect (fresh46's parcel hub, fourth
    # round, read once measured), while a perfect inside the habit's own sentence is still the habit
    since = ("I was a maintenance engineer at a parcel hub, and every Saturday night the trunks to the northern depots "
             "left late. I logged every stoppage on the northern chutes for four nights and found the vendor's weekly "
             "diagnostic running at two in the morning. I got it moved to Sunday afternoon, I wrote the timing into our "
             "maintenance calendar, and I set up a log of trunk departures that I still review every Monday. Since the "
             "change, none of the Saturday trunks has left late, and the depots have gone back to getting those parcels "
             "out on Monday morning. Now I time anything that is 'just how it is' before I accept an explanation.")
    checks = grade(since, lp="ownership").checks
    assert checks["star"].status == "pass" and checks["business_impact"].status == "pass"
    # ... and in run-on speech (fresh25's courier, fresh22's dog groomer): "every time a new phase
    # opened" is how the step was kept up, and the result follows it
    run_on = ('so i was a multi drop driver for a courier firm and one of my areas was a big new housing estate about '
              'two hundred houses still being built and the sat nav had none of the new streets on it the depot target '
              'was ninety eight percent first time delivery and on that estate we were nowhere near it drivers were '
              'going round in circles parcels were going back to the depot and people were ringing in angry it wasnt my'
              ' job to fix the maps thats the route planners but nobody was doing it so i did i walked the whole estate'
              ' on a saturday with a notepad and drew my own map every street every block the door numbers and which '
              'side the entrances were on i typed it up and laminated copies and gave them to the other drivers who '
              'covered the estate on my days off i went to the housebuilders site office and got their plot to postal '
              'address list and sent it to the depot planners so they could fix the routing and i kept the map updated '
              'every time a new phase opened and it paid off first time deliveries on the estate went up a lot the '
              'residents stopped ringing the depot to complain and the depot manager now hands my map to every new '
              'driver and since then whenever i get a new area i walk it with the sat nav switched off before my first '
              'shift there')
    checks = grade(run_on, lp="ownership").checks
    assert checks["star"].status == "pass" and checks["business_impact"].status == "pass"


def test_a_queue_cleared_is_an_outcome():
    # fresh28's ambulance control room (blind): "we cleared the thirty-eight waiting calls in about
    # twenty-five minutes" was not read as the result, and the result was told it had no number
    text = ('I was a team leader in an ambulance control room covering two counties. One evening in January the computer-'
            'aided dispatch system went down in the middle of a busy shift, and the supplier said it would be back within'
            ' the hour. We had a paper fallback, but the rule was that only the duty manager could invoke it, and he was '
            'on a break out of the building and not answering. Within ten minutes we had thirty-eight calls waiting, '
            'including several possible strokes and a cardiac arrest that had come in by phone. I weighed it up: paper '
            "dispatch is slower per call and harder to audit, but it's completely reversible, because you just re-key the"
            " incidents when the system comes back. Waiting an hour on a supplier's promise wasn't reversible. I invoked "
            'the fallback myself, split the room into call-takers and two paper dispatchers, and took the radio for the '
            "most serious calls. I left the duty manager a message saying I'd switched, and when he called back I told "
            'him I would own switching us back and the re-keying afterwards. The system was down for an hour and forty '
            'minutes in the end. We cleared the thirty-eight waiting calls in about twenty-five minutes, the cardiac '
            'arrest had a crew on scene in seven, and our category one response times for that evening stayed within '
            'target. Afterwards I re-keyed every incident myself. Since then, the paper fallback trigger is in my shift '
            'briefing, so every team leader on my shift knows they can invoke it after five minutes of outage.')
    checks = grade(text, lp="bias-for-action").checks
    assert checks["quantified_result"].status == "pass"
    assert checks["business_impact"].status == "pass"


def test_a_shared_word_still_frames_a_result_without_engineering_metrics():
    text = ("Our warehouse kept cancelling orders for stock the system said we had. I counted the worst zone myself, I found "
            "two dead spots in the wireless coverage and I had extra access points fitted. After that missing stock in that "
            "zone fell from 1.5 percent to 0.2 percent, which stopped most of the cancelled orders.")
    assert status(text, "business_impact", lp="dive-deep") == "pass"


def test_a_negated_result_is_a_result_but_one_that_only_went_well_or_the_next_step_is_not():
    setup = ("Our hospital pharmacy kept running out of two common antibiotics on weekends. I pulled six months of stock data "
             "myself, I found the weekend orders were placed on Thursday, and I moved the order day to Friday. ")
    assert status(setup + "After that we didn't run out again.", "star", lp="dive-deep") == "pass"
    # guide: "The Result section is missing"; three blind readers labeled "it all worked out fine" so
    empty = grade(setup + "In the end it all worked out fine and everyone was pretty happy.", lp="dive-deep").checks
    assert empty["star"].status == "fail" and "only says it went well" in empty["star"].message
    assert empty["business_impact"].status == "fail"
    assert status(setup + "It went well, and weekend shortages fell from nine a quarter to none.", "star", lp="dive-deep") == "pass"
    # a change said after the pleased people, joined as a claim of its own, is the result (fresh15's timber merchant);
    # what continues the empty phrase ("happy with how it turned out") is still part of it
    joined = grade(setup + "The nurses were really pleased, and weekend dispensing was well up on the year before.", lp="dive-deep").checks
    assert joined["star"].status == "pass"
    same = grade(setup + "From there it went fine really and the nurses were happy with how it turned out.", lp="dive-deep").checks
    assert same["star"].status == "fail" and "only says it went well" in same["star"].message
    assert status(setup + "After that I set up a weekly check with the buyer and I wrote a guide.", "star", lp="dive-deep") == "fail"
    assert status(setup + "After that we switched over to the new order day.", "star", lp="dive-deep") == "fail"
    thin = ("Our hospital pharmacy kept running out of two common antibiotics on weekends. I talked to the buyer about it. "
            "After that we didn't run out again.")
    assert status(thin, "star", lp="dive-deep") == "warn"



def test_what_did_not_happen_afterwards_or_got_better_is_a_result_beside_the_pleased_client():
    # fresh98's road crew, nurse and ticket sale (blind): "we didn't get any formal complaints", "the heels ... healed",
    # "the sale went through cleanly" are outcomes, not only a story that went well
    setup = ("Our hospital pharmacy kept running out of two common antibiotics on weekends. I pulled six months of stock data "
             "myself, I found the weekend orders were placed on Thursday, and I moved the order day to Friday. ")
    for result in ("The ward managers were happy with it, and we didn't get a single weekend shortage call that winter.",
                   "The ward managers were happy with it, and we didn't see another weekend stock-out that winter.",
                   "The sore heels on the ward healed, and the ward managers were happy with it.",
                   "The first weekend went through cleanly, and the ward managers were happy with it."):
        checks = grade(setup + result, lp="dive-deep").checks
        assert checks["star"].status == "pass", (result, checks["star"])
    # ... while the pleased managers alone still only say it went well
    assert "only says it went well" in grade(setup + "The ward managers were happy with it.", lp="dive-deep").checks["star"].message


def test_an_ownership_story_fixed_for_one_night_only_touches_the_principle():
    # the labeling rules' "a one-off fix for Ownership" (fresh3's label printer, fresh10's bay labels)
    one_night = ("I was a team leader on the night shift in a parcel warehouse. One night the label printer on the outbound "
                 "line jammed and the engineer on call was two hours away. It was not my job to fix printers, but I took "
                 "it on myself: I opened it up, found a label stuck behind the roller, cleared it and got it running again "
                 "in about twenty minutes. All fourteen trucks left on time that night. I now carry a spare roller.")
    c = grade(one_night, lp="ownership").checks["lp_framing"]
    assert c.status == "warn" and "one-off" in c.message
    # the same night, then a fix that lasts: the owner's long term
    lasting = one_night.replace("I now carry a spare roller.",
                                "The next week I wrote a one-page guide for clearing jams and added the printer to the nightly checklist.")
    assert status(lasting, "lp_framing", lp="ownership") == "pass"
    # a change that keeps it fixed, said as its purpose: "so it could not ..." (the phrase had been written
    # with a space inside one alternative, and never matched)
    for purpose in ("so it could not jam", "so it couldn't jam", "so it wouldn't jam"):
        kept = one_night.replace("I now carry a spare roller.", f"I then fitted a guard over the roller {purpose} that way again.")
        assert status(kept, "lp_framing", lp="ownership") == "pass", purpose
    # only Ownership asks for the long term: the same night's fix answers Bias for Action
    assert "one-off" not in grade(one_night, lp="bias-for-action").checks["lp_framing"].message
    # the eighth round (blind): a check run "for every new arrival for the next eighteen months" is kept up
    kept_up = one_night.replace("I now carry a spare roller.", "I then ran a check on it myself for every new shift lead for the next eighteen months.")
    assert status(kept_up, "lp_framing", lp="ownership") == "pass"
    # ... and the long term is not what a mistake question asks for (the guide scores "the ownership and the
    # learning"), nor what a hypothetical answer is judged on (the other checks carry it)
    mistake = "Tell me about a mistake of yours that reached customers and what you did about it."
    wrong = one_night.replace("It was not my job to fix printers, but", "I had loaded the wrong roller that evening, so")
    assert "one-off" not in grade(wrong, lp="ownership", question=mistake, tags=("failure",)).checks["lp_framing"].message
    would = ("I'm a team leader on the night shift in a parcel warehouse, and outside my scope would be the printers, that's the "
             "engineers' job. If the label printer jammed one night, I would take it on myself: I would open it up, clear the "
             "label behind the roller and get it running again in about twenty minutes, so all fourteen trucks would leave on time that night.")
    assert status(would, "lp_framing", lp="ownership") == "pass"
    assert status(would, "past_tense", lp="ownership") == "fail"
    # fresh32's school Wi-Fi (dev): a thing set up by others before the story, or someone else's runbook
    # used on the night, is nothing done so it stays fixed
    setup = one_night.replace("One night the label printer", "The printers had been set up years before by a contractor. One night the label printer")
    assert status(setup, "lp_framing", lp="ownership") == "warn"
    runbook = one_night.replace("I opened it up,", "I opened it up using their runbook,")
    assert status(runbook, "lp_framing", lp="ownership") == "warn"


def test_a_count_naming_the_storys_people_again_is_no_measured_result_but_still_marks_it():
    # fresh10's waiting room: "the two engineers told me afterwards that I had been right"
    text = ("I argued for moving the clinic's booking system onto the hosted version and I wrote up the risks for the "
            "practice manager. I ran the cutover myself on a Saturday and I tested every booking type. When the old "
            "server failed in March, the two engineers told me afterwards that I had been right. I now write down the "
            "risks of both options before any system decision.")
    c = grade(text, lp="are-right-a-lot").checks
    assert c["quantified_result"].status == "warn"
    assert c["star"].status == "pass"


def test_the_questions_everyday_words_are_no_beats():
    # "learned a new skill to solve a problem": "new" in "a new stop" does not speak to learning
    text = ("Our delivery drivers kept getting parking fines outside the hospital. I called the council, I got a loading bay "
            "permit for our vans, and I told every driver where to park. Fines fell from twenty a month to two. I now check "
            "parking rules before we add a new stop.")
    q = "Tell me about a time you learned a new skill or technology to solve a problem."
    assert status(text, "lp_framing", lp="learn-and-be-curious", question=q) != "pass"


def test_a_preference_disagreement_with_few_beats_only_touches_backbone():
    # the labeling rules, from the guide: a trivial Backbone disagreement "does not demonstrate the
    # principle" -- touched (warn), not a different question answered (fail)
    text = ("I was in charge of the school newsletter. Our deputy head wanted it in the official template and the trust's font. "
            "I thought the font was hard to read on a phone, so I put together two versions and showed her. She said the trust "
            "wanted everything consistent, so I went with her template and I sent every issue out on Friday as planned. "
            "Over the year the share of parents who opened it went from forty percent to fifty-five percent.")
    c = grade(text, lp=BACKBONE, question="Tell me about a time you disagreed with your manager.").checks["lp_framing"]
    assert c.status == "warn" and "font" in [e.lower() for e in c.evidence]


def test_a_manager_led_ownership_story_only_touches_the_principle():
    text = ("My manager asked me to take over the backlog of returns and clear it by the end of the quarter. She told me to start "
            "with the orders over five hundred pounds, so I sorted the list and worked through those first. Halfway through my "
            "manager asked me to send her a daily summary, so I set that up. She then told me to refund anything under fifty pounds, "
            "which I did. We cleared the backlog in seven weeks and all the customers got their refunds.")
    ev = grade(text, lp="ownership", question="Tell me about a time you took on something outside your scope.")
    assert ev.checks["self_driven"].status == "fail"
    assert ev.checks["lp_framing"].status == "warn" and "manager" in ev.checks["lp_framing"].message


def test_work_asked_of_others_is_said_as_i_so_i_vs_we_passes_and_delegation_fails():
    text = ("The production team blamed a new batch of resin, but the other lines used the same batch. I had my team handle the "
            "investigation. I asked one of our junior engineers to go through the machine logs, and I asked the shift supervisors "
            "to record the mould temperature every hour. I got the maintenance contractor to check the cooling system. The engineer "
            "found that scrap spiked on night shifts. I assigned the fix to maintenance. Scrap went back under two percent.")
    ev = grade(text)
    assert ev.checks["i_vs_we"].status == "pass"
    assert ev.checks["delegation"].status == "fail"


def test_an_outcome_word_in_a_reason_does_not_start_the_result():
    # "because of labour costs" says why, not what changed: the story has no result
    text = ("I was a duty manager at a large supermarket. One afternoon the queues at the tills got very long, about fifteen people "
            "deep. Head office wanted store managers to ask before opening extra tills because of labour costs, and my store "
            "manager was off. I decided to open four more tills straight away, and I pulled staff off shelf-filling to run them. "
            "I also called the area office to let them know what I'd done.")
    ev = grade(text, lp="bias-for-action")
    assert ev.checks["star"].status == "fail"
    assert ev.checks["business_impact"].status == "fail"
    assert ev.checks["quantified_result"].status == "warn"


def test_callers_calls_are_a_customer_outcome():
    text = ("I ran the evening shift at a council call centre. I noticed the recorded message still gave the old opening hours, "
            "so I rewrote it with the right hours and I sent it to the telephony team the same afternoon, and I checked it myself "
            "that evening. The next day my team took about forty fewer calls asking about opening hours.")
    assert status(text, "business_impact", lp="ownership") == "pass"


def test_what_a_step_was_for_is_not_yet_the_result():
    # "... so the hand-sorted routes went out first": the purpose of rewriting the schedules,
    # said without a measure; the story stops before anything happened (guide: "The Result
    # section is missing")
    text = ("I was a planner at a delivery depot, and one Friday our main sorting machine broke down with about 11,000 parcels "
            "still to sort. The engineer could not tell us whether the repair would take two hours or two days. I called the "
            "depot thirty miles away and asked for spare capacity, I worked out which routes could be hand-sorted, and I booked "
            "two extra trucks. I also rewrote the driver schedules for Saturday so the hand-sorted routes went out first. "
            "I briefed the night shift myself before I went home.")
    assert status(text, "star", lp="bias-for-action") == "fail"
    # ... while a measured outcome after "so" is one
    done = text.replace("so the hand-sorted routes went out first", "so late deliveries fell from 30% to 4% that Saturday")
    assert status(done, "star", lp="bias-for-action") == "pass"


def test_a_story_that_stops_at_the_approval_has_no_result():
    # "our first appointments kept starting late" is the situation (said before any step), and
    # "the director approved it" is the decision, not what changed for patients
    text = ("i was practice manager at a physiotherapy clinic with three sites and every new patient had to fill in two separate "
            "intake forms so patients were spending about twenty minutes in the waiting room and our first appointments kept "
            "starting late i went through both forms line by line and i found that most of the questions overlapped so i "
            "designed a single combined form and i mapped each field across to the insurer's format i wrote up the proposal "
            "and i presented it to the clinical director and the director approved it in that meeting")
    ev = grade(text, lp="invent-and-simplify", question="Tell me about an innovative solution you proposed.", seconds=None)
    assert ev.checks["star"].status == "fail"
    assert ev.checks["business_impact"].status == "fail"


def test_a_story_told_only_as_requests_is_past_with_a_thin_own_action():
    # every layer dug by someone the candidate asked: a real past story (past_tense passes), the
    # work others' (delegation fails), the candidate's own action thin (star warns)
    text = (
            "so i was the operations manager at a parcel sorting depot and our mis sort rate had gone up from about half a "
            "percent to nearly two percent over a couple of months and the shift managers put it down to the new agency "
            "staff i didn't think that was the whole story so i asked our night shift lead to pull the mis sorts by sort "
            "lane and she found most of them came from four lanes at the far end then i had one of our engineers check the "
            "scanners on those lanes and he found the scanner angles had been knocked out when the lanes were cleaned and i "
            "got the scanner supplier to send someone to recalibrate all of them and i asked the training team to give the "
            "agency staff a refresher anyway to be safe after that the mis sort rate went back down to about half a percent "
            "and the delivery stations stopped getting parcels that belonged to another depot since then i always ask for a "
            "breakdown by lane before i take a staffing explanation at face value"
    )
    ev = grade(text, seconds=None)
    assert ev.checks["past_tense"].status == "pass"
    assert ev.checks["star"].status == "warn"
    assert ev.checks["delegation"].status == "fail"


def test_backbone_told_without_the_words_disagree_or_commit():
    text = ("My station manager wanted to cut the turnaround from thirty-five to twenty-five minutes by dropping the full cabin "
            "clean. I thought it would cause more delays than it fixed. I timed twenty turnarounds myself and wrote that up on two "
            "pages with the timings. She challenged my sample, which was fair, and when I added weekend flights the cleaning did "
            "overrun on two of them, so I told her that part of her case stood. She decided to go ahead. From then on I put my "
            "weight behind her plan: I rewrote the tidy checklist and got the fuel slot moved earlier. On-time departures went "
            "from 78 to 93 percent, and she now brings me in early on changes like that.")
    assert status(text, "backbone", lp=BACKBONE, question="Tell me about a time you disagreed with your manager.") == "pass"


def test_a_story_that_stops_at_the_cause_the_plan_or_the_hand_over_has_no_result():
    # guide red flag: "The Result section is missing" -- the teller ends the story before anything changed
    cause = ("Farmers said our weighbridge read low. I pulled four hundred tickets and lined them up with the logs, and the low "
             "readings were all in the afternoons. The bridge had passed every test, but always in the morning. I went out at two "
             "in the afternoon with a test weight and it read point four percent light. So that was the root cause, a hot cable.")
    checks = grade(cause, lp="dive-deep").checks
    assert checks["star"].status == "fail" and checks["quantified_result"].status == "warn"
    plan = ("Twenty of our sixty buses were due for replacement. I modelled our forty two routes and it turned out thirty five "
            "could run on a battery bus. I found a grant for half the extra cost. I wrote a ten year plan and presented it to the "
            "board in March, and that was the plan I put together.")
    assert status(plan, "star", lp="think-big") == "fail"
    done = plan.replace("and that was the plan I put together.", "and they approved it. By the next autumn eight electric buses "
                        "were running, and fuel costs on those routes fell by forty percent.")
    assert status(done, "star", lp="think-big") == "pass"
    # fresh38's harvest app and fresh39's museum bid and school streets (dev): the teller does not know, or left
    for ending in ("and then my contract finished, so I'm honestly not sure how it went once the members started using it.",
                   "and in the spring they approved it, and that was the point where I handed the project to our exhibitions team.",
                   "and we rolled it out at the start of term; the council is counting traffic this term and we're still waiting for those numbers.",
                   # fresh30's child location data, fresh46's onboarding, fresh47's (dev): not over yet, or the teller gone
                   "and legal are still working through the contract, so nothing has changed on the buses yet.",
                   "and the first buses launched in May, and that was my last big piece of work there before I moved to the payments team.",
                   "and the board approved it, so we will see.",
                   # fresh43's tram bid (dev): what a fund would do is no result
                   "and I found a fund that would match half of it."):
        left = plan.replace("and that was the plan I put together.", ending)
        assert status(left, "star", lp="think-big") == "fail", ending
    # fresh36's data platform (dev): a forecast is no result
    forecast = ("Every product team built its own reports on its own copy of the data. I interviewed nine of them, costed a "
                "shared platform myself and wrote the strategy paper. I presented it to the heads of product twice and they "
                "approved it for next year. We expect it to cut the time to build a new report from weeks to days.")
    assert status(forecast, "star", lp="think-big") == "fail"
    # fresh15's fitness app (dev): an estimate said as "would lift" is none, the reviews after the launch are the result
    reviews = ("I was the product manager for a fitness app with two hundred thousand users. I wrote the spec for a new home "
               "screen over a weekend, drew it myself and took it to the engineers, who built it in the next sprint. I launched "
               "it to everyone and estimated it would lift retention by five percent. After the launch the app store reviews "
               "were noticeably more positive.")
    assert status(reviews, "star", lp="are-right-a-lot") == "pass"


def test_what_was_found_on_the_way_with_more_steps_to_come_is_not_the_result():
    # STAR's order: "it turned out thirty five could" is a finding when three more of the candidate's steps follow
    text = ("Our district ran sixty diesel buses. I checked our routes against the battery range, and it turned out thirty five "
            "routes could go electric. I visited a district that already ran them. I found a state grant. I wrote a ten year "
            "plan. I presented it to the school board.")
    assert status(text, "star", lp="think-big") == "fail"
    # ... and an outcome told with one last step after it stays the result
    kept = ("Returned parcels piled up in a cage nobody owned. I matched each one to its order by hand and found one courier's "
            "labels would not scan. Within six weeks unreadable returns fell from two hundred a week to ten. I also added the "
            "cage to the daily dock walk.")
    assert status(kept, "star", lp="ownership") == "pass"


def test_instead_of_inside_the_candidates_step_is_how_it_was_done_not_the_result():
    text = ("Volunteer numbers at our library reading scheme had halved. I moved the training to Saturday mornings, I rewrote the "
            "six session course into three, and I recruited through the library book clubs instead of through our website. "
            "From there it went fine really, and the funder was happy with how it turned out.")
    assert status(text, "star", lp="deliver-results") == "fail"


def test_a_story_whose_steps_are_all_the_teams_has_a_thin_action():
    # guide: "A story full of 'we' is graded as 'unclear what they personally did'"
    text = ("Guests at our hotel waited up to forty minutes to check in on Friday nights. We sat down as a team and looked at the "
            "whole process. We split the desk so one person only did arrivals, we started printing key cards in the afternoon, "
            "and we trained the night staff on the new setup. The wait went down to twelve minutes and our review score for "
            "check-in went from three point six to four point three.")
    c = grade(text, lp="customer-obsession").checks["star"]
    assert c.status == "warn" and "the team's" in c.message and any("we" in e.lower() for e in c.evidence)
    mine = text.replace("We split", "I split").replace("we started", "I started").replace("we trained", "I trained")
    assert status(mine, "star", lp="customer-obsession") == "pass"


def test_a_figure_the_candidate_proposed_and_the_costs_in_a_proposal_are_no_result():
    # guide: "Quantify the Result" -- what was put forward is not what changed
    text = ("Diners kept writing that our brunch menu was too long and the food came out slowly. I read every review from the "
            "spring and sat with the head chef to see which dishes were slow to plate. I proposed cutting the menu to sixteen "
            "dishes, and I rewrote the descriptions myself. I wrote it all up in a proposal with the costs and presented it to "
            "the owner, and she approved it.")
    checks = grade(text, lp="customer-obsession").checks
    assert checks["star"].status == "fail" and checks["quantified_result"].status == "warn"
    done = text.replace("and she approved it.", "and she approved it. Within a month table turns on Sundays rose from "
                        "two to three, and complaints about waiting fell by half.")
    assert status(done, "quantified_result", lp="customer-obsession") == "pass"


def test_steps_that_look_back_or_were_only_asked_for_do_not_push_the_result_aside():
    # guide: "The Result section is missing" -- but a result with a look back after it is still
    # the result: "what I'd done" is before it, and "my manager asked me to run the next one" is
    # an instruction received, not a step the story goes on with
    text = ("One Monday I noticed that the nightly job that sends renewal reminders to customers had failed over the weekend. "
            "It belonged to another team and nobody was looking at it. I read the logs, found an expired certificate on "
            "the mail gateway, renewed it and reran the job by hand that morning. About twelve thousand renewal reminders "
            "went out a day and a half late instead of being skipped. I sent the other team a note about what I'd done "
            "and went back to my own work.")
    checks = grade(text, lp="ownership").checks
    assert checks["star"].status == "pass" and checks["quantified_result"].status == "pass"
    asr = ("i proposed pushing the date back but he decided to keep it so i committed to making it work i wrote a "
           "migration guide and i personally called the top forty merchants and i set up a daily report of who was still "
           "on version one and chased each of them by the cutoff ninety six percent of the traffic had moved and no "
           "merchant left us because of it my manager asked me to run the next deprecation")
    assert status(asr, "quantified_result", lp="have-backbone-disagree-and-commit") == "pass"


def test_in_the_end_opens_the_result_even_when_we_follows():
    # "after that we switched over" is the next step; "in the end we shipped ..." is what was reached
    text = ("We had to ship a new seat-selection flow before a stadium tour went on sale in seven weeks. I cut the scope "
            "with the team, I reused the seat map from the web app, and I wrote the unit tests for the seat map. "
            "In the end we shipped in time for the tour on-sale and fans were able to pick their seats in the app.")
    checks = grade(text, lp="deliver-results").checks
    assert checks["star"].status != "fail" and checks["business_impact"].status == "pass"


def test_a_hand_over_with_what_could_be_done_and_my_sample_results_has_no_result():
    # guide: "The Result section is missing": what was possible and the candidate's own work
    # product handed over are not what changed
    text = ("Customer returns without a label were piled in a cage, about two thousand four hundred items, and customers "
            "were waiting for refunds. I went through a sample of two hundred items myself and worked out that most of "
            "them could be matched by the order number on the packing slip. I built a matching process on a spreadsheet, "
            "I documented the steps and trained two associates, then I handed the whole thing over to the inventory "
            "control manager with the document and my sample results.")
    assert status(text, "star", lp="ownership") == "fail"


def test_make_her_version_work_is_the_commit():
    text = ("Our station manager decided to cut the turnaround crew from six to five. I disagreed: I had pulled three months "
            "of logs and the five-person days ran late on eleven of eighteen mornings. I wrote a two-page note and walked "
            "her through it. She pushed back that two of those days had bad weather, and she was right, so I took them out. "
            "She kept the five-person crew. I told her I would make her version work, and I did: I redesigned the loading "
            "sequence and briefed every crew myself. On-time departures went from seventy-nine to ninety-one percent, and "
            "she asked me to write it up for two other stations.")
    assert status(text, "backbone", lp="have-backbone-disagree-and-commit",
                  question="Tell me about a time you disagreed with your manager.") != "fail"


def test_the_principles_beats_said_in_plain_words_of_the_work():
    # fresh100's attendance officer and benefits assessor (nineteenth round, blind): strong answers with none of the
    # principles' usual words were read as a different question answered
    dd = ("I was the attendance officer at a secondary school. Our overall attendance was 94 percent, on target, and everyone "
          "was happy with it. So I broke the figure down. First by year group, then by day of the week: Year 8 absence on "
          "Mondays and Fridays was nearly double. Then I went one step further and matched those pupils against the bus lists, "
          "and 31 of the 40 were on one rural route whose pickup had moved earlier. The council moved it back, and Monday and "
          "Friday absence for those pupils fell from 18 percent to 6. Now I split every whole-school number by day and by route.")
    assert status(dd, "lp_framing", lp="dive-deep", question="Tell me about a metric you investigated when others were satisfied.") == "pass"
    ias = ("I was a benefits assessor at a council. Residents filled in a 24 page form and a claim took about seven weeks. Two "
           "thirds of them were on Universal Credit, and the DWP already sends us their income. We were asking them to prove "
           "things we already knew. So I drafted a short version for them, where we take the income straight from the DWP feed "
           "and only ask about the household and the rent. After six months the time to decide went from seven weeks to eight "
           "days. Now I check whether we already hold an answer before I add a question to any form.")
    assert status(ias, "lp_framing", lp="invent-and-simplify", question="Tell me about a time you simplified a complex process.") == "pass"


@pytest.mark.parametrize("lp, question, text, says, told, fixed", [
    # fresh97's round-ups (nineteenth round, blind): asked to hold a launch back, the story ships the unready one on time;
    # the same launch held until the double count was fixed is the question answered
    ("insist-on-the-highest-standards", "Tell me about a time you held a launch back because it was not ready.",
     "I was a backend engineer at a fintech doing savings pots, and the launch of round-ups was promised to a partner bank "
     "for the first of June. About two weeks out the reconciliation was still flaky: a round-up was sometimes counted twice "
     "in testing. I moved the reconciliation fixes to phase two, I paired with the QA engineer on the main flows for ten "
     "days and I worked the last weekend on the payment webhooks. We launched on the first of June, and eleven thousand "
     "customers turned on round-ups in the first month. Now I split every launch into must-have and phase two on day one.",
     "no launch is held", "I moved the reconciliation fixes to phase two, I paired",
     "I said we couldn't ship money that counts twice, I asked for two more weeks and got them, I fixed the reconciliation "
     "myself, I paired"),
    # fresh97's SRE (nineteenth round, blind): a day and a half of digging, then the fix, is Dive Deep, not acting first;
    # moving the pods first, not yet knowing why, is the question answered
    ("bias-for-action", "Tell me about a production incident where you had to act before you had the full picture.",
     "I'm a site reliability engineer at a payments company, and card authorisations were failing, about two percent of "
     "them in the evenings. I pulled seven days of authorisation logs and grouped the failures by hour, by scheme and by "
     "pod: they were all on two pods on one node, which had been replaced the week before with a lower limit on open "
     "connections. That took me about a day and a half. Once I had it, I cordoned the node and moved the pods, and the "
     "failures went to zero. Now I group the errors by every dimension before I accept the obvious explanation.",
     "before the picture was complete", "That took me about a day and a half. Once I had it, I cordoned",
     "I didn't know why yet, but moving pods is a two way door, so I cordoned"),
])
def test_a_prompts_own_ask_answered_by_the_neighbouring_story_is_another_question(lp, question, text, says, told, fixed):
    c = grade(text, lp=lp, question=question).checks["lp_framing"]
    assert c.status == "fail" and says in c.message, c
    assert told in text and status(text.replace(told, fixed), "lp_framing", lp=lp, question=question) != "fail"


def test_holding_a_position_said_in_plain_words_speaks_to_backbone():
    # fresh101's housekeeping supervisor (nineteenth round, blind): "i said no ... he still said sell them so i went to the
    # general manager directly ... the general manager agreed with me"
    q = dict(lp="have-backbone-disagree-and-commit", question="Tell me about a time you held your position under pressure.")
    text = ("i was housekeeping supervisor in a hotel and we found black mould behind the wardrobes in some rooms my manager said "
            "clean it with the chemical and sell the rooms because we were full for the weekend i said no because i took photos "
            "and the mould came back after two days and two guests already complained about a cough he still said sell them so "
            "i went to the general manager directly with the photos and the general manager agreed with me the rooms stayed "
            "blocked and engineering found a leaking pipe and after that there were no more complaints")
    assert status(text, "lp_framing", seconds=None, **q) == "pass"
    # ... while the same rooms sold as told, with nothing held, is another question answered
    sold = ("i was housekeeping supervisor in a hotel and we found black mould behind the wardrobes in some rooms my manager said "
            "clean it with the chemical and sell the rooms because we were full for the weekend so i cleaned them with the "
            "chemical and we sold the rooms and after that there were two complaints about a cough")
    assert status(sold, "lp_framing", seconds=None, **q) == "fail"


def test_disagree_but_commit_is_the_commit_and_being_pulled_into_the_next_design_is_the_close():
    # fresh99's SRE and orders engineer (nineteenth round, blind)
    q = dict(lp="have-backbone-disagree-and-commit", question="Tell me about a time you disagreed with your manager.")
    text = ("Our head of infrastructure decided to move our clusters to a managed service. I opposed it, and I wrote a short doc "
            "showing it would cost about thirty percent more a month. He argued that my comparison left out our own on-call "
            "time, which was fair, so I added it and the gap was much smaller. He still decided to move, and I said I'd disagree "
            "but commit. I rewrote the two batch jobs myself and ran the migration one region at a time. We moved all four "
            "clusters in seven weeks with no customer-facing downtime, and he pulled me into the design of the next migration.")
    c = grade(text, **q).checks["backbone"]
    assert c.status == "pass", c
    # ... and without the commit said, it is missing
    silent = text.replace(", and I said I'd disagree but commit", "")
    assert grade(silent, **q).checks["backbone"].status == "fail"


def test_findings_told_between_two_steps_are_action_not_setup():
    # guide: situation, actions, result -- the dig's findings are part of the action
    text = ("I was the field agronomist for a cooperative of fourteen potato growers. After a very warm March, most of the "
            "growers wanted to plant two weeks early to catch the high prices for new potatoes, and our chairman backed them. "
            "I thought that was a mistake. I went back through eight years of the soil-temperature records we kept at three "
            "of the farms and matched them against frost dates and the yields from each planting week. In five of those "
            "eight years a warm March had been followed by an April frost, and the early plantings had lost on average a "
            "fifth of their yield. I put that on one page, showed it at the growers' meeting, and offered a middle path: "
            "plant a fifth of the acreage early as a trial and the rest at the normal time. Some of them thought I was being "
            "overcautious, but they took the split. A hard frost came on the nineteenth of April. The early plots lost about "
            "a third of their crop, while the main plantings came through untouched, and the cooperative's total yield "
            "finished nine percent above the year before. Since then I share the frost-and-yield table with the growers "
            "every February, before anyone sets a planting date.")
    assert status(text, "star", lp="are-right-a-lot") == "pass"


@pytest.mark.parametrize("result", [
    "Over the next quarter the department cut its waste by about fourteen percent.",
    "By harvest the four biggest growers in the region were shipping with no spoiled loads at all.",
    "Cardiac arrest responses on the motorway improved by two minutes.",
    # fresh14's signalling crew and fresh15's warehouse robots
    "After that all but four of the morning trains ran to time.",
    # fresh16's university library: the enquiries at its desk
    "By the start of term broken links were down to under two percent, and enquiries at the desk about missing texts "
    "dropped by about sixty percent in the first month.",
    # fresh16's car dealership: a customer who came back to buy, and brought colleagues
    "She later bought two more cars from me and sent four colleagues from her practice to us.",
    "After that fault recovery dropped from twenty minutes to three, which let the site handle its christmas volume "
    "with four fewer temporary pickers per shift.",
])
def test_growers_waste_and_ambulance_patients_are_business_terms(result):
    # guide: "Quantify the Result in customer or business terms" -- a co-op's growers, an
    # ambulance service's patients and a business's waste are whose outcome it is
    text = ("I noticed the problem in the monthly figures. I pulled the records for every site, I found the cause in how "
            "the schedule was built, I rewrote the schedule and I trained each shift on it myself. " + result)
    assert status(text, "business_impact", lp="deliver-results") == "pass"


def test_a_frugality_question_answered_with_money_spent_to_go_faster_is_a_different_question():
    # guide: Frugality is "more with less"; "answering a different question than the interviewer is asking"
    text = ("A contractor needed sixty loads of plasterboard on site within three days, and our normal schedule would have "
            "taken eight. I called every haulier on our list and booked eleven extra trucks at short-notice rates, and I "
            "re-sequenced the loading so the warehouse worked through the night shift on this order only. We delivered all "
            "sixty loads in two and a half days and the contractor placed a follow-on order worth two hundred thousand "
            "pounds. Now I keep a short-notice haulier list updated every month.")
    assert status(text, "lp_framing", lp="frugality", question="Tell me about a creative solution that saved cost.") == "fail"
    # fresh33's video analytics (dev): more hardware and a contractor bought to go faster; but the same
    # hardware as the plan on the table the story turned from is not the story's opposite
    cloud = ("Our nightly jobs ran past eight in the morning, so customers saw yesterday's data. I moved the jobs onto a bigger "
             "instance type, I added a second cluster for the largest customers and I brought in a contractor for three "
             "weeks to rewrite the scheduler. Our cloud bill went up by eleven thousand dollars a month, but the jobs finished "
             "by four and complaints about stale data stopped. I now check memory headroom before we add a big customer.")
    assert status(cloud, "lp_framing", lp="frugality", question="Tell me about a creative solution that saved cost.") == "fail"
    # fresh38's podcast dashboard (dev): a bigger plan bought and approved
    bought = ("Our advertisers were promised a new dashboard by a fixed date and our warehouse queries took minutes. The budget "
              "was tight, but I got approval to move us to the next size of warehouse and to buy a managed pipeline tool so I "
              "didn't have to write the connectors. I built the models and had it ready a week early, and two big accounts "
              "renewed. Now I always cost out the managed option first.")
    assert status(bought, "lp_framing", lp="frugality", question="Tell me about a time you delivered with limited resources.") == "fail"
    # fresh42's crew scheduling and fresh40's search team (third round, read once measured): funding won and spent
    funded = ("We had four months to support a new fleet type and the vendor's quote was well over our budget. I made the case "
              "to the head of IT for extra funding and she released money from next year's budget. I hired three contractors "
              "who knew the product, I got the vendor to do the tuning on a time and materials basis, and I moved us onto a "
              "bigger database server. We went live two weeks early. Now I keep a contingency line for contractors.")
    assert status(funded, "lp_framing", lp="frugality", question="Tell me about a time you delivered with limited resources.") == "fail"
    # fresh45's food-delivery database (fourth round, read once measured): bigger kit, paid for every month
    capacity = ("Our orders database timed out every lunchtime. I made the case for a faster fix than tuning queries: I moved "
                "the database to the next instance size up and I bought an extra read replica for the reporting queries. It "
                "added fourteen thousand dollars a month to our cloud bill, but lunchtime timeouts fell from two percent to "
                "point two. Now when a system is under pressure I look at what extra capacity would buy us first.")
    assert status(capacity, "lp_framing", lp="frugality", question="Tell me about a creative solution that saved cost.") == "fail"
    turned = ("Our database bill had grown to nineteen thousand a month and the plan on the table was to just buy a bigger "
              "instance. I didn't think we needed one, so I went through the storage table by table, I found that seventy "
              "percent of it was old audit data, and I wrote a job that moved it to cold storage. The bill fell to eight and a "
              "half thousand a month, a saving of over ten thousand a month at no extra cost. I now check what a table holds before anyone buys capacity for it.")
    assert status(turned, "lp_framing", lp="frugality", question="Tell me about a creative solution that saved cost.") == "pass"


def test_a_manager_named_by_place_directs_but_an_ask_after_the_result_is_the_close():
    # guide red flag: "Manager-only ownership: 'my manager decided', 'my manager asked me to'"
    story = ("Driver turnover at the depot had reached twenty-eight percent a year. The depot manager asked me to fix the "
             "rota. I surveyed all the drivers, I rebuilt the rota so shifts were published four weeks ahead, and I capped "
             "split shifts at two a week. Over the next year driver turnover fell from twenty-eight to sixteen percent.")
    assert status(story, "self_driven", lp="strive-to-be-earths-best-employer") == "warn"
    mine = story.replace("The depot manager asked me to fix the rota.", "Nobody owned the rota, so I took it on.")
    close = mine + " The regional director asked me to show the other depot managers how I had done it."
    assert status(close, "self_driven", lp="strive-to-be-earths-best-employer") == "pass"


def test_a_failure_storys_recovery_done_as_told_is_the_manager_driving_it():
    # fresh77's translation agency (fifteenth round's reading, blind): the cost comes first ("they'd lost a week"), so the
    # result zone opens there; the three asks of the recovery after it are still the story, not its close
    q = "Tell me about a time you rebuilt trust after a misstep."
    story = ("The misstep was mine. I was a project manager at a translation agency, and a client sent us an instruction "
             "leaflet to translate. I gave the German to a translator I hadn't worked with before, without checking her "
             "specialism, and she translated a dosage unit wrong in two places. The client's regulatory team caught it in "
             "their review, thank goodness, before it went to print, but they'd lost a week. {0} I also changed, on my own, "
             "how I assign translators. The client stayed with us, and the next year their volume with us went up by about "
             "thirty percent.")
    told = ("My director told me to phone the client and apologise, so I did, that afternoon. She then told me to offer them "
            "the whole project at no charge, which I did, about 11,000 euros. And she asked me to set up a fortnightly call "
            "with their regulatory manager, so I set that up and ran the calls.")
    c = grade(story.format(told), lp="earn-trust", question=q).checks["self_driven"]
    assert c.status == "fail", c.message
    mine = (told.replace("My director told me to phone", "I phoned").replace(", so I did,", ",")
            .replace("She then told me to offer", "I offered").replace(", which I did,", ",")
            .replace("And she asked me to set up", "I set up").replace(", so I set that up and", " and"))
    assert status(story.format(mine), "self_driven", lp="earn-trust", question=q) == "pass"


def test_a_failure_that_mentions_patients_and_a_fix_by_hand_has_not_named_its_cost():
    # guide: "name the cost honestly (engineer time, customer impact, opportunity cost)": a patient
    # mentioned and the recovery done by hand do not say what the mistake cost
    text = ("I was the clinic coordinator at a physiotherapy practice, and I made a mistake when we moved to a new booking "
            "system. I set up the waiting list myself and didn't check that the old cancellation list had come across. When "
            "a patient asked about it, I told the practice owner the same day that it was my setup. I went through the old "
            "list by hand and phoned every patient on it to apologise. Now, whenever we change a system, I check the old "
            "lists against the new ones line by line before we switch the old one off.")
    assert status(text, "real_failure", lp="earn-trust", question="Tell me about a time you admitted you were wrong.",
                  tags=("failure",)) == "warn"


def test_a_growth_question_answered_with_a_hiring_drive_or_own_learning_is_a_different_question():
    # guide: "Tell me about a time you helped a colleague grow" -- fresh10's toy shop told its hiring
    # open day, fresh16's library assistant taught herself Python; nobody else grows in either
    q = "Tell me about a time you helped a colleague grow."
    hiring = ("I was the store manager of a large toy shop, and every Christmas we needed fourteen extra staff. I changed how "
              "we hired: I ran a single open day in October, I designed a group exercise and I interviewed the strongest "
              "twenty-five candidates with my supervisors. I made fourteen offers on the spot and all fourteen started by "
              "November. That Christmas sales were up twelve percent. I have run an open day every autumn since.")
    c = grade(hiring, lp="hire-and-develop-the-best", question=q).checks["lp_framing"]
    assert c.status == "fail" and "nobody else grows" in c.message
    # the same shop, and the new starter coached: the story the question asks for
    coached = hiring.replace("That Christmas", "I coached one of them, Dana, on the tills every Saturday, and she became a "
                             "supervisor the next year. That Christmas")
    assert status(coached, "lp_framing", lp="hire-and-develop-the-best", question=q) == "pass"
    # a question asking for the hire and the development, answered with the hire only: half answered
    both = "Tell me about a time you hired and developed someone strong for your team."
    c = grade(hiring, lp="hire-and-develop-the-best", question=both).checks["lp_framing"]
    assert c.status == "warn" and "developed them" in c.message
    # raising the bar on a hire asks for no development
    assert status(hiring, "lp_framing", lp="hire-and-develop-the-best",
                  question="Tell me about a time you raised the bar on a hire.") == "pass"


def test_admitting_you_were_wrong_answered_with_someone_else_proved_wrong_is_a_different_question():
    # fresh5's towels: "it turned out I had been ordering the right amount all along, and it was the
    # supplier who had to admit they were wrong"
    q = "Tell me about a time you admitted you were wrong."
    text = ("I was purchasing lead for five hotels and housekeeping kept blaming me for running short of towels. I counted the "
            "deliveries myself for three weeks and compared them with the supplier's invoices, and I was honest with "
            "housekeeping about what I found. I took the counts to the supplier and they admitted the error and credited us "
            "twenty three thousand pounds. Complaints about missing towels fell from twenty a month to two, and I kept the "
            "trust of the housekeeping team. So it was the supplier who had to admit they were wrong. Since then I count "
            "a sample of every new supplier's deliveries.")
    c = grade(text, lp="earn-trust", question=q).checks["lp_framing"]
    assert c.status == "fail" and "no mistake of yours" in c.message
    owned = text.replace("So it was the supplier who had to admit they were wrong.",
                         "But I had ordered the wrong size for two of the hotels, and I told housekeeping it was my mistake.")
    assert status(owned, "lp_framing", lp="earn-trust", question=q) == "pass"
    # a team's misstep owned with it still speaks to Earn Trust
    team = text.replace("So it was the supplier who had to admit they were wrong.",
                        "We had got the par levels wrong too, and I said so to housekeeping.")
    assert status(team, "lp_framing", lp="earn-trust", question=q) == "pass"
    missed = text.replace("So it was the supplier who had to admit they were wrong.",
                          "We missed the short deliveries for months too, and I said so to housekeeping.")
    assert status(missed, "lp_framing", lp="earn-trust", question=q) == "pass"
    # trust rebuilt with no misstep owned, asked about a misstep: only touched
    c = grade(text, lp="earn-trust", question="Tell me about a time you rebuilt trust after a misstep.").checks["lp_framing"]
    assert c.status == "warn" and "what you got wrong" in c.message


def test_the_wrong_thing_done_is_a_mistake_owned_and_the_wrong_thing_found_is_not():
    # more.toml's auditor: "I realised I had tested the wrong year's stock count sheets"
    q = "Tell me about a time you made a mistake."
    base = ("I was an audit senior. Two weeks after sign-off I realised I {} the wrong year's stock count sheets for one "
            "warehouse. I called the client's finance director that afternoon and redid the work at our cost over two days, "
            "which delayed their bank filing by a week. Since then I re-read my working papers a week after every sign-off.")
    assert status(base.format("had tested"), "real_failure", lp="learn-and-be-curious", question=q) == "pass"
    assert status(base.format("had spotted"), "real_failure", lp="learn-and-be-curious", question=q) == "fail"
    # the wrong thing done by someone else, however it is told, is not the candidate's
    assert status(base.format("had seen that the clerk had assumed"), "real_failure", lp="learn-and-be-curious", question=q) == "fail"


def test_a_simplify_question_answered_with_added_checks_and_control_is_its_opposite():
    # fresh15's laundry: asked to simplify, the supervisor added a sign-off sheet, a second check and a
    # weekly meeting, and "felt the extra control was worth it"
    q = "Tell me about a time you simplified a complex process."
    base = ("I was a supervisor at a laundry serving four hospitals, and scrubs kept going to the wrong hospital. The old "
            "process was simple: the sorters bagged linen by colour and the drivers loaded it. I redesigned the benches, "
            "{} and I trained all twenty sorters myself. Misdirected bags fell from thirty a month to eleven. {}Since then I "
            "walk every new process with the people who run it.")
    opposite = base.format("I added a sign-off sheet on every bench, I introduced a weekly exceptions meeting",
                           "It slowed dispatch a little, but I felt the extra control was worth it. ")
    c = grade(opposite, lp="invent-and-simplify", question=q).checks["lp_framing"]
    assert c.status == "fail" and "opposite" in c.message
    # the opposite told twice beside the principle's words: only touched
    twice = base.format("I added a sign-off sheet on every bench", "It slowed dispatch a little, but I felt the extra control was worth it. ")
    c = grade(twice, lp="invent-and-simplify", question=q).checks["lp_framing"]
    assert c.status == "warn" and "opposite" in c.message
    simpler = base.format("I replaced the colour bags with one printed label per hospital", "")
    assert status(simpler, "lp_framing", lp="invent-and-simplify", question=q) == "pass"


def test_waiting_for_complete_data_told_to_a_bias_for_action_question_is_its_opposite():
    # fresh6's logistics planner: eight months of data collection before any decision
    q = "Tell me about a time you moved forward despite incomplete information."
    text = ("I was the logistics planner for a builders' merchant deciding whether to move to a central delivery hub. It was a "
            "big decision and I did not want us to get it wrong, so I insisted that we collect complete data before deciding "
            "anything. For six months I recorded every delivery, and when the first model came back I spent two more months "
            "collecting truck data before I would recommend anything. The board approved my two-hub plan, trucks on the "
            "road fell from thirty to twenty-two and on-time deliveries went from 84 to 93 percent. I now model three "
            "options with real trip data before any network change.")
    c = grade(text, lp="bias-for-action", question=q).checks["lp_framing"]
    assert c.status == "fail" and "opposite" in c.message
    moved = ("I was the logistics planner for a builders' merchant and a branch's trucks failed their inspection on a "
             "Friday. I did not have the full trip data, but waiting would have cost a week of deliveries, so I decided "
             "that afternoon to run that branch from the nearest depot, a step we could undo in a day. On-time deliveries "
             "held at 93 percent through the month. I now decide reversible moves the same day.")
    assert status(moved, "lp_framing", lp="bias-for-action", question=q) == "pass"


def test_outcomes_for_houses_turbines_ships_residents_and_a_served_colleague_are_business_terms():
    # fresh17/18 (blind): each result below is labelled business pass and failed as "no customer or
    # business framing"; the same story told with only an engineering metric still fails
    setup = ("I was the {role}. I noticed the fault on my round, I rang it in myself with a photo, I waited for the crew and "
             "I showed them where to dig. ")
    results = {
        "meter reader": "The night flow dropped by four cubic metres an hour and the two houses got their pressure back.",
        "wind technician": "The turbine was back generating within four days of the fault.",
        "crane driver": "After that the spreader worked fine for the rest of the shift and the vessel sailed on time.",
        "shelter worker": "After the change forty one people came in whom we'd have turned away, and nineteen moved into their own tenancy.",
        "BI developer": "After that his board pack preparation went from two days to about half a day.",
    }
    for role, result in results.items():
        c = grade(setup.format(role=role) + result, lp="ownership").checks["business_impact"]
        assert c.status == "pass", (role, c.message)
    engineering = grade(setup.format(role="meter reader") + "The night flow on the district meter dropped by four cubic metres an hour.",
                        lp="ownership").checks["business_impact"]
    assert engineering.status == "fail"
    # a coach's crews are the people a Hire and Develop story develops
    crews = ("I was the head coach at a rowing club. I filmed every outing, I rewrote the winter plan and I gave each rower "
             "feedback on the water. The following summer our junior crews won four medals at the regionals.")
    assert status(crews, "business_impact", lp="hire-and-develop-the-best") == "pass"


def test_a_change_marker_is_read_within_its_own_sentence():
    # the ninth round (blind): "... more than our whole turnover now. I think the team would say" is no "now I"
    # change, and "our biggest hour ever. Since then I load-test ..." is "since then", not "ever since then"
    story = ("I run the office at a heating firm. I rang every boiler customer on our books myself and I booked "
             "three hundred heat pump surveys, which is more than our whole turnover now. ")
    assert status(story + "I think the team would say it was too big for us.", "reflection", lp="think-big") == "warn"
    assert status(story.replace("now. ", "ever. ") + "Since then I ring the customers myself before any big plan.",
                  "reflection", lp="think-big") == "pass"


def test_a_habit_after_a_lesson_opener_or_said_in_the_negative_is_a_reflection():
    # the eighth round (blind): "The thing I kept from that is ... I write down whose it is" and "I still won't
    # send anything out now that I haven't measured myself" are habits (labelled reflection pass)
    story = ("I was a corporal in the transport section. Nobody owned the licence checks, so I went through every driver "
             "on the roster myself, I took fourteen off that day and I wrote a one-page arrival check. We went from "
             "fourteen uncleared drivers to none. ")
    for close in ("The thing I kept from that is when something falls between desks, I write down whose it is, and if "
                  "nobody else will put their name on it, I put mine.",
                  "I still won't sign anything off now that I haven't checked myself."):
        c = grade(story + close, lp="ownership").checks["reflection"]
        assert c.status == "pass", (close, c.message)
    # a past step after the same opener's words is still the story: no habit told
    assert status(story + "I kept the check going for a year.", "reflection", lp="ownership") == "warn"


def test_a_step_said_as_the_time_the_result_held_is_not_the_last_step():
    # fresh61's holiday park (blind): "... and the park kept the pre-arrival call going after i went back to uni"
    # dates the result; read as the last step, it pushed the result zone past the guests' numbers
    text = ("i worked on reception at a holiday park and nobody owned access for the accessible lodges so i took it on i "
            "walked the site with a tape measure i rang each accessible booking a week before they arrived and i rewrote "
            "the accessibility page over the summer we had no complaints about access down from five the summer before "
            "and two families rebooked for the next year and the park kept the call going after i went back to uni now "
            "when i start somewhere new i walk the customers route myself in the first week")
    c = grade(text, lp="ownership", seconds=None).checks
    assert c["quantified_result"].status == "pass", c["quantified_result"].message
    assert c["business_impact"].status == "pass", c["business_impact"].message


def test_a_colleagues_struggle_and_a_piece_held_back_told_in_plain_words_speak_to_their_principles():
    # the eighth round (blind): neither story names its principle's usual words, and both were read as a
    # different question answered
    struggle = ("i was a leading hand on a frigate with four junior sailors under me and one of my lads went really quiet "
                "so i took him up on deck and asked him straight how he was doing and his mum had been diagnosed with cancer "
                "so we got him welfare calls home twice a week i rewrote the watch bill myself and i covered two of his watches "
                "he got flown home for two weeks and came back and did the last three months with us")
    q = "Tell me about a time you noticed a colleague was struggling and what you did about it."
    assert status(struggle, "lp_framing", lp="strive-to-be-earths-best-employer", question=q, seconds=None) == "pass"
    held = ("i was news editor on the student paper and a writer filed a piece saying the clubs budget had been cut by forty "
            "percent with one source so i said i wasnt happy running it like that and i held it i went to the finance office "
            "myself and went through the budget line by line and the real cut was six percent so we ran it on page three "
            "with the real figures and it got two thousand reads")
    q = "Tell me about a time you pushed back on a low-quality deliverable."
    assert status(held, "lp_framing", lp="insist-on-the-highest-standards", question=q, seconds=None) == "pass"
    # fresh77's head chef (blind): no standards word at all; beef that was fine and that "most people wouldn't have noticed",
    # refused as "the new normal" and tested "side-by-side", is good enough refused in a kitchen's words
    q = "Tell me about a time you refused to accept 'good enough'."
    beef = ("The new beef was cheaper and the owner was happy with it. The meat was fine. {0} But the ribs were coming in "
            "wetter, so I weighed them. {1} I showed the owner the cost per plate, we went back to the old supplier, and "
            "Sunday covers went from about a hundred and forty to a hundred and sixty.")
    told = beef.format("Honestly, most people wouldn't have noticed.",
                       "I didn't want that to become the new normal, so I ran a side-by-side for three Sundays.")
    assert status(told, "lp_framing", lp="insist-on-the-highest-standards", question=q) == "pass"
    assert status(beef.format("", ""), "lp_framing", lp="insist-on-the-highest-standards", question=q) != "pass"


def test_the_same_work_typed_over_and_over_and_always_done_like_that_speak_to_simplifying():
    # fresh76's customs desk (blind): neither "simplify" nor "process" is said; the triple typing and "it's always been done
    # like that" are the complexity, the export and the checklist what replaced it
    q = "Tell me about a time you simplified a complex process."
    text = ("I ran the customs desk at a freight forwarder. Every export declaration was typed three times, and every re-type was "
            "a chance to get a code wrong. Nobody could tell me why, apart from 'it's always been done like that'. I worked out "
            "that all but eight of the fields already sat in the booking system and built an export the customs software could "
            "read, with a checklist for the eight. Time per declaration went from forty minutes to twelve.")
    assert status(text, "lp_framing", lp="invent-and-simplify", question=q) == "pass"
    # fresh78's vet practice (blind): what already did the job, and the call kept only for those who need it
    q = "Tell me about a time you removed a step or a system instead of adding one."
    vets = ("Every pet coming in for an operation had a paper consent form, then the same details were typed into the computer "
            "by the desk. I noticed the practice software could already send owners a text with the form. I rewrote the text "
            "myself and only rang the owners who hadn't completed it. About 80% completed it on their phones.")
    assert status(vets, "lp_framing", lp="invent-and-simplify", question=q) == "pass"
    # fresh77's airline turnaround (fifteenth round's reading, blind): neither "simplify" nor "challenge" is said; the
    # sequence everyone treated as fixed, questioned as "a requirement or a habit", is the way things were done
    q = "Tell me about a time you challenged the way things were done."
    turns = ("Every aircraft got the same cleaning sequence between flights, and cleaning delayed boarding week after week. "
             "{0} I timed forty turns myself and asked the safety manager whether the order was a safety requirement or a "
             "habit. I split the crew into two pairs meeting in the middle, and cleaning delays fell from one departure in "
             "eight to one in forty.")
    told = "Everyone treated that as just how it was, because the sequence was the way things were done."
    assert status(turns.format(told), "lp_framing", lp="invent-and-simplify", question=q) == "pass"
    assert status(turns.format("").replace(" or a habit", ""), "lp_framing", lp="invent-and-simplify", question=q) != "pass"

    # fresh60's security company (blind): the question asks for the hiring bar; the story trains a new starter
    q = "Tell me about a time you raised the bar on a hire."
    trained = ("We hire a new guard for the hospital, and my manager asks me to train him for the night shift. I make a "
               "training plan for two weeks. I put him with our best guard, I watch him myself on three night shifts, I teach "
               "him how to talk calm to aggressive patients and I test him on the procedures. After one month he was working "
               "alone, and the hospital asked for two more guards trained the same way.")
    c = grade(trained, lp="hire-and-develop-the-best", question=q).checks["lp_framing"]
    assert c.status == "warn" and "weighed for a hire" in c.message, c.message
    weighed = ("I was on the interview panel for a night guard. Two candidates interviewed well, but I set a work sample: a "
               "role play with an aggressive patient. I turned the stronger interviewer down because he raised his voice, and "
               "we hired the other. After a year he was our best guard, and the hospital asked for two more like him.")
    assert status(weighed, "lp_framing", lp="hire-and-develop-the-best", question=q) == "pass"


def test_customers_coming_back_and_a_pilot_that_did_well_are_results():
    # the eighth round (blind) and fresh58 (dev): results told in plain words, read as "the story stops before
    # saying what changed"
    phones = ("i sold phones on commission and an old man wanted a contract he didnt need so i found him a refurbished "
              "handset and a sim only deal and i explained to my supervisor why and a few weeks later he came back with "
              "his wife and his neighbour and they bought phones from me too")
    c = grade(phones, lp="customer-obsession", seconds=None).checks
    assert c["star"].status == "pass" and c["business_impact"].status == "pass", (c["star"].message, c["business_impact"].message)
    pilots = ("I modelled the newsletter subscriptions myself, I pitched it to the board, I wrote the first sign-up flows "
              "and I ran the weekly numbers. The pilots did well enough that the board funded it across the group, and "
              "newsletters are now the main way new subscribers come to us.")
    assert status(pilots, "star", lp="think-big") == "pass"
    # the plan alone is still no result
    assert status(pilots.split(" The pilots")[0], "star", lp="think-big") == "fail"


def test_a_show_that_went_ahead_as_planned_for_its_audiences_is_a_result():
    # fresh76's community theatre (blind): what was at risk happened after all, told in plain words
    q = "Tell me about a time you delivered with limited resources."
    text = ("I run a community theatre. We lost the grant that paid for our lighting technician just before the spring show. "
            "I taught myself the lighting desk from the manual, I borrowed lanterns from the school down the road, and I ran "
            "the lights myself. The show went ahead as planned, it looked good, and the audiences came.")
    checks = grade(text, lp="frugality", question=q).checks
    assert checks["star"].status == "pass" and checks["business_impact"].status == "pass", (checks["star"].message, checks["business_impact"].message)
    # the plan alone is still no result
    assert status(text.split(" The show")[0], "star", lp="frugality", question=q) == "fail"
    # fresh78's school office (blind): the parents' evening put at risk "ran normally"
    evening = text.replace("The show went ahead as planned, it looked good, and the audiences came.",
                           "On the Thursday the parents' evening ran normally.")
    assert status(evening, "star", lp="frugality", question=q) == "pass"


def test_the_consensus_tested_and_the_people_in_the_data_are_their_principles_beats():
    # the eighth round (blind): both read as the principle only touched or a different question answered
    coastguard = ("every summer we moved our second vehicle up the coast to the big beach and everyone on the team thought that "
                  "made sense and i didnt because when i went through our incident logs the beach had six call outs and the "
                  "estuary had thirty one so i wrote it up with a map and they pushed back quite hard and i said lets try it "
                  "for one summer and if the beach gets busier we move back so that summer our time to reach someone cut off "
                  "by the tide went from twenty five minutes to nine")
    q = "Tell me about a time others disagreed with you and you turned out to be right."
    assert status(coastguard, "lp_framing", lp="are-right-a-lot", question=q, seconds=None) == "pass"
    drivers = ("Our customers were the fleet operators, but the people in the data were their drivers, and a year of GPS "
               "traces tells you where they live. The drivers never signed up to us. I raised it with our data protection "
               "officer, I proposed keeping only coarse positions off shift and I built the retention into the pipeline myself.")
    q = "Tell me about a decision where you weighed the impact on people beyond your customers."
    assert status(drivers, "lp_framing", lp="success-and-scale-bring-broad-responsibility", question=q) == "pass"


def test_an_assumption_named_as_the_candidates_own_is_owned_and_spun_it_still_fails():
    # fresh63's brewery lab (blind): "the assumption I got wrong ... it was my method that had hidden it" owns the mistake
    q = "Tell me about a time a technical assumption of yours turned out to be wrong."
    owned = ("I was the QA lab manager at a brewery, and the assumption I got wrong was about dissolved oxygen. I'd set up "
             "the measurement method myself. Our biggest customer sent back a complaint that the pale ale was stale. I "
             "tested retained cans and found I had been sampling from the filler bowl, not sealed cans. The supermarket "
             "delisted the ale for a quarter, about sixty thousand pounds of sales. I told the head brewer it was my method "
             "that had hidden it, and I changed the sampling to sealed cans. Since then, whenever I set up a measurement, I "
             "write down what it can't see.")
    assert status(owned, "real_failure", lp="learn-and-be-curious", question=q, tags=("failure",)) == "pass"
    # fresh53 (dev): the same assumption turned into "the best thing that could have happened" is spin
    spun = owned.replace("and I changed the sampling to sealed cans.",
                         "but honestly it turned out to be the best thing that could have happened, because sales doubled.")
    assert status(spun, "real_failure", lp="learn-and-be-curious", question=q, tags=("failure",)) == "fail"


def test_plain_word_outcomes_for_clients_funders_tenants_and_staff_are_business_terms():
    # the eighth round (blind): results told in the served side's own words, labelled business pass and
    # read as "no customer or business framing"
    stories = [
        ("earn-trust", "The hotel group's IT director was furious about the outage. I rang him every afternoon that week, I wrote the "
         "incident report myself and I fixed the two things that worried him most. They renewed that autumn for three years."),
        ("think-big", "Our bid writer left before the deadline. I rang the funder, I pulled the outcomes data together and "
         "I wrote the bid over ten evenings. We were awarded the full amount, and that pays for two caseworkers."),
        ("deliver-results", "The repairs had stalled. I surveyed every flat myself, I costed the works and I took the "
         "plan to the landlord. In the end he agreed to do the whole block in October, so everybody had heating that winter."),
        ("invent-and-simplify", "I rebuilt the migration scripts myself and I checked every total against the old "
         "system. We went live three days early and March payroll ran with no errors."),
        ("dive-deep", "I pulled the fault logs myself and I traced the cracked gasket. After the fix the pubs got "
         "credits for the affected casks and our return rate went from four percent to under one."),
    ]
    for lp, text in stories:
        c = grade(text, lp=lp).checks["business_impact"]
        assert c.status == "pass", (lp, c.message)
    # the same shape with only the machine's numbers still fails
    engineering = ("I pulled the fault logs myself and I traced the cracked gasket. After the fix the line pressure "
                   "held at four bar and the seal temperature dropped by ten degrees.")
    assert status(engineering, "business_impact", lp="dive-deep") == "fail"


def test_a_result_seen_by_the_people_served_or_nobody_failed_is_a_result():
    # fresh17's grocery pilot and blood session: labelled star pass, read as "only says it went well"
    grocery = ("Our stock figures were updated by one overnight batch. I wrote the proposal to stream every till sale, I built "
               "the pipeline myself and I sat in a pilot store for two days. The pilot went well, and the store managers said "
               "the shelves looked much fuller in the afternoons.")
    assert status(grocery, "star", lp="think-big") == "pass"
    blood = ("The fridge alarm went during a blood session. I checked the cool boxes, I packed the units myself and I rang the "
             "centre to say they were coming early. Every unit got to the centre inside its time limit and nobody was turned away.")
    c = grade(blood, lp="bias-for-action").checks
    assert c["star"].status == "pass" and c["business_impact"].status == "pass"
    # "it went well" alone is still no result
    assert status(grocery.split(", and the store")[0] + ".", "star", lp="think-big") == "fail"


def test_a_growth_question_answered_with_the_candidates_own_growth_is_a_different_question():
    # fresh17's interpreter and fresh18's rowing coach (blind): "the biggest growth in that period was
    # actually my own" -- mentoring received and a coach's job title are no colleague developed
    q = "Tell me about a time you helped a colleague grow."
    text = ("I was the head coach at a rowing club. For me, the biggest growth in that period was actually my own. I asked a "
            "coach from a bigger club to mentor me, I took the level three coaching course and I gave my crews much more "
            "feedback on the water. The following summer our junior crews won four medals at the regionals.")
    c = grade(text, lp="hire-and-develop-the-best", question=q).checks["lp_framing"]
    assert c.status == "fail" and "your own" in c.message
    other = ("I was the head coach at a rowing club. One of our junior coaches, Sam, had plateaued, so I paired him with me on "
             "every Saturday session, I gave him feedback after each outing and I let him run the winter plan. The following "
             "summer his crews won four medals and he became our lead junior coach.")
    assert status(other, "lp_framing", lp="hire-and-develop-the-best", question=q) == "pass"


def test_frugality_told_with_no_constraint_or_by_spending_more_is_only_touched_or_a_different_question():
    q = "Tell me about a time you delivered with limited resources."
    # fresh14's boatyard and fresh18's staging environment (the labelling rules: Frugality with no constraint)
    plenty = ("I was the yard manager at a boat club. The committee set aside forty thousand pounds for a new cradle, which was "
              "plenty; nobody was asking us to economise. I got three quotes, I found a refurbished cradle at a marina that "
              "was closing a hoist, I checked its certificates myself and I negotiated free delivery. We came in at half the "
              "budget and the members' boats went in and out without fuss. I now ask for a refurbished option with every quote.")
    c = grade(plenty, lp="frugality", question=q).checks["lp_framing"]
    assert c.status == "warn" and "opposite" in c.message
    tight = plenty.replace("which was plenty; nobody was asking us to economise", "and then cut it to twelve thousand after a bad season")
    assert status(tight, "lp_framing", lp="frugality", question=q) == "pass"
    # fresh17's removals firm (blind): the weekend met by spending more
    spent = ("I was the operations coordinator at a removals firm and a client needed a two-weekend office move done in one. "
             "I got sign off to hire three extra lorries and twelve agency porters, and I paid our lads double time for the "
             "Sunday. I planned the load order floor by floor and I ran the loading bay myself. The client opened at nine on "
             "the Monday with every desk set up, and they gave us two more moves the year after.")
    c = grade(spent, lp="frugality", question=q).checks["lp_framing"]
    assert c.status == "fail" and "opposite" in c.message


def test_agreeing_to_good_enough_is_the_opposite_of_insisting_on_the_highest_standards():
    # fresh45's cider bottling and fresh42's clinical tables (read once measured): "good enough" accepted and shipped
    q = "Tell me about a time you refused to accept 'good enough'."
    text = ("We had our first supermarket order, twelve thousand bottles on a hired line, and on the first morning I noticed "
            "the fill heights were below our quality standard and the labels were going on crooked. Stopping to reset would "
            "have cost a day, and "
            "the buyer cared more about the promotion than a millimetre here or there. So I talked it through with the owner "
            "and we agreed to keep going, and we let the crooked labels through. We got all twelve thousand bottles to the "
            "depot on time and the supermarket reordered. I learned to be pragmatic about perfection.")
    c = grade(text, lp="insist-on-the-highest-standards", question=q).checks["lp_framing"]
    assert c.status != "pass" and "opposite" in c.message
    refused = ("We had our first supermarket order, twelve thousand bottles on a hired line, and on the first morning I noticed "
               "the fill heights were low and the labels were going on crooked. I stopped the line, I reset the filler heads "
               "myself and I checked every hundredth bottle against the standard until the shift ended. We lost half a day "
               "but the supermarket's quality audit passed first time and they reordered. I now check fill heights in the "
               "first ten minutes of every run.")
    assert status(refused, "lp_framing", lp="insist-on-the-highest-standards", question=q) == "pass"


def test_simplifying_by_adding_structure_is_the_opposite_of_invent_and_simplify():
    # fresh17's service desk (blind): "I simplified it by putting proper structure around it"
    q = "Tell me about a time you simplified a complex process."
    text = ("I ran the IT service desk for a logistics company and laptop requests were a mess. I simplified it by putting "
            "proper structure around it: I designed a request form with eleven mandatory fields, I set up a weekly hardware "
            "review meeting and I wrote a twelve-page procedure that every analyst had to sign. There were complaints about "
            "the extra steps at first, but we lost only two laptops in the next two quarters instead of fourteen.")
    c = grade(text, lp="invent-and-simplify", question=q).checks["lp_framing"]
    assert c.status == "fail" and "opposite" in c.message
    # fresh42's hospital dispensary (third round, read once measured): the backlog worked off by longer days,
    # with the process unchanged, is not a simplification
    harder = ("Our backlog of outpatient prescriptions had built up to three hundred items, with patients waiting two hours. "
              "I volunteered to come in an hour early every day for three weeks and I stayed late on the clinic days. I also "
              "took on the simpler final checks so the pharmacists could focus on the complex ones. The backlog was gone in "
              "three weeks and waits were back under forty minutes. I now check the backlog figure every Monday.")
    c = grade(harder, lp="invent-and-simplify", question=q).checks["lp_framing"]
    assert c.status != "pass" and "opposite" in c.message
    simpler = harder.replace("I volunteered to come in an hour early every day for three weeks and I stayed late on the clinic days.",
                             "I split repeat prescriptions into a pre-packed queue and cut the dispensing steps from nine to five.")
    assert status(simpler, "lp_framing", lp="invent-and-simplify", question=q) == "pass"


def test_a_judgement_that_was_someone_elses_or_luck_only_touches_are_right_a_lot():
    # fresh17's wind farm (blind): the site manager's call, backed without a view, proved right by the weather
    q = "Tell me about a decision where your judgement was vindicated by the outcome."
    text = ("I was a senior technician at an offshore wind farm when a turbine tripped. The site manager decided to stand the "
            "crew down and wait for the next weather window. I wasn't sure either way, but I backed his call, I went through "
            "the fault log myself and I re-booked the vessel. As it turned out the front came through early, so the decision "
            "was right, and the turbine was back generating within four days. I now check the gust forecast at hub height.")
    c = grade(text, lp="are-right-a-lot", question=q, tags=("failure",)).checks["lp_framing"]
    assert c.status == "warn"
    own = text.replace("The site manager decided to stand the crew down and wait for the next weather window. I wasn't sure "
                       "either way, but I backed his call,",
                       "The forecast window looked enough on paper, but I read the gust trend against the data from the last "
                       "three fronts and I judged it too risky, so I argued to stand the crew down,")
    assert status(own, "lp_framing", lp="are-right-a-lot", question=q, tags=("failure",)) == "pass"


def test_a_sign_off_given_without_checking_is_a_mistake_owned():
    # fresh17's pet food label (blind): a strong failure read as "no mistake of yours in it"
    q = "Tell me about a recent failure and what you learned from it."
    text = ("As the quality technologist at a pet food maker I signed off the new bag artwork without checking the ingredient "
            "list against the updated recipe. The bags went out with no mention of chicken. I owned it straight away: I told "
            "my manager it was my sign-off and I wrote the recall notice that day. We recalled three thousand bags, which cost "
            "the company about forty eight thousand pounds. I now check every label against the live recipe before I sign.")
    c = grade(text, lp="learn-and-be-curious", question=q).checks["real_failure"]
    assert c.status == "pass", c.message
    # the same sign-off given by someone else owns nothing
    theirs = text.replace("I signed off the new bag artwork without checking", "The supplier's designer sent artwork that skipped") \
        .replace("I owned it straight away: I told my manager it was my sign-off and I", "I").replace("before I sign", "they send")
    assert status(theirs, "real_failure", lp="learn-and-be-curious", question=q) == "fail"


def test_a_tool_disagreement_stays_trivial_when_stakes_are_only_the_employers_trade_or_the_other_sides_point():
    # fresh17's Jira migration (blind): "a backend engineer ... at a payments start-up"; the customers are
    # in the manager's answer ("support raised customer bugs in Jira already"), not in the case argued
    q = "Tell me about a time you disagreed with your manager."
    text = ("I was a backend engineer at a payments start-up, and my manager wanted to move our bug tracking from GitHub "
            "Issues into Jira. I disagreed: I counted our last two hundred bugs and showed him ninety percent were closed by a "
            "linked pull request. He pointed out that support raised customer bugs in Jira already and copied them by hand, "
            "which I hadn't weighed, and I conceded that. He decided on Jira, and I committed: I set up the integration and "
            "migrated the open issues over a weekend. Customer bugs reached an engineer within one day instead of three, and "
            "he has asked for my view early on every tooling change since.")
    c = grade(text, lp="have-backbone-disagree-and-commit", question=q).checks
    assert c["backbone"].status == "fail" and c["lp_framing"].status == "warn"
    # customers at stake in the candidate's own case make it consequential
    stake = text.replace("I disagreed:", "I disagreed, because customers' payment failures would sit in two trackers:")
    assert status(stake, "backbone", lp="have-backbone-disagree-and-commit", question=q) == "pass"


def test_a_close_told_as_what_the_two_still_do_together():
    # fresh17's customs broker (blind): "I suggested we review a sample together every quarter, and he and I still do"
    q = "Tell me about a time you disagreed with your manager."
    text = ("Our director wanted to accept importers' commodity codes as given. I disagreed, because a wrong code means "
            "underpaid duty and penalties for our clients, and I checked two hundred recent entries: fourteen percent were "
            "wrong. He had a point that repeat lines were nearly always right, and I agreed. He decided to accept codes for "
            "repeat lines, and I committed: I built the list of four thousand classified lines and trained the clerks. "
            "Entries per clerk went up by a third with no customs penalty. I suggested we review a sample together every "
            "quarter, and he and I still do.")
    assert status(text, "backbone", lp="have-backbone-disagree-and-commit", question=q) == "pass"
    cut = text.replace(" I suggested we review a sample together every quarter, and he and I still do.", "")
    assert status(cut, "backbone", lp="have-backbone-disagree-and-commit", question=q) == "warn"


def test_a_recovery_against_a_date_that_could_not_move_speaks_to_deliver_results():
    # fresh18's bookshop (blind): no "deadline" said, but term would not wait for a failed wholesaler
    q = "Tell me about a time you stepped in to recover a failing project."
    text = ("I managed a university bookshop. Three weeks before term our main wholesaler went into administration with our "
            "whole order in their warehouse. I split the forty titles into three groups, I opened accounts with four "
            "publishers, I got a second wholesaler to pick our order early and I rang the course leaders about the six titles "
            "out of stock. Every student had their reading before their first seminar, and all but twenty two of the "
            "eighteen hundred books were collected in freshers' week.")
    assert status(text, "lp_framing", lp="deliver-results", question=q) == "pass"


def test_a_morning_fix_made_into_how_the_yard_works_is_ownership_for_the_long_term():
    # fresh18's timber yard (blind): started alone one morning, then made the routine of the place
    q = "Tell me about a time you handled a problem nobody owned."
    one_off = ("I was a yard hand at a timber yard. Builders waited forty minutes for their orders in the morning, and it wasn't "
               "my job, but I came in at six on my own, picked the next morning's orders and tagged each pile. That morning the "
               "wait dropped to under ten minutes and two builders we'd lost came back. I now pick early whenever I can.")
    c = grade(one_off, lp="ownership", question=q).checks["lp_framing"]
    assert c.status == "warn" and "one-off" in c.message
    lasting = one_off.replace("That morning", "I then trained the other three yard hands on the routine so it didn't depend on "
                              "me, and I check the bays every afternoon. That month")
    assert status(lasting, "lp_framing", lp="ownership", question=q) == "pass"


def test_a_rate_said_as_one_morning_in_five_is_how_often_not_a_one_off_fix():
    # fresh76's school buses (blind): "late about one morning in five ... from one morning in five to one in
    # twenty" is a rate; the timetable the county moved is what stays fixed
    q = "Tell me about a time you handled a problem nobody owned."
    text = ("I was the business manager at a school. Two bus routes were arriving late about one morning in five and nobody "
            "owned it. I logged arrival times at the gate for two weeks, wrote it up on one page and sent it to the county. "
            "They moved the start of the route eight minutes earlier. Late arrivals went from one morning in five to one in "
            "twenty. Since then I log a shared problem myself for a fortnight before I raise it.")
    assert status(text, "lp_framing", lp="ownership", question=q) == "pass"
    one_morning = text.replace("went from one morning in five to one in twenty", "stopped that morning")
    assert "one-off" in grade(one_morning.replace("about one morning in five", "one morning"), lp="ownership", question=q).checks["lp_framing"].message


def test_the_people_a_service_turns_away_are_its_customers_through_the_story():
    # fresh18's shelter (blind): "residents" named once in the opening, then "every person who came to
    # the door", "people ... we'd previously have turned away"
    q = "Tell me about a decision where you sided with the customer over your team."
    text = ("I was a project worker at a homeless shelter, and the residents were the people I thought of as our customers. "
            "Intake closed at eight, a rule the team liked because evenings were calm. Over a month I logged every person who "
            "came to the door after eight and asked where they had been: most had been at work or at hospital. I took the "
            "figures to the manager, I moved my own shift to run until midnight and I trained two volunteers on the welcome "
            "paperwork. In six months forty one people came in whom we'd have turned away, and nineteen moved into their own "
            "tenancy. Since then I log who a rule turns away for a month before I decide whether it is right.")
    assert status(text, "lp_framing", lp="customer-obsession", question=q) == "pass"
    # with nobody served after the opening, the customer is only the trigger
    internal = ("I was a project worker at a homeless shelter, and the residents were the people I thought of as our customers. "
                "The staff rota was a mess, so I rewrote it, I moved the handover to six and I trained two volunteers on the "
                "paperwork. I also agreed a swap system with the night porter and I put the rota on the staff noticeboard a "
                "month ahead. Overtime fell by a third and the team liked the new shifts. Since then I review the rota monthly.")
    assert status(internal, "lp_framing", lp="customer-obsession", question=q) != "pass"


def test_what_someone_wanted_to_achieve_is_not_the_result():
    # fresh18's ktlint disagreement (blind): "he still wanted to match the wider Kotlin community so new joiners
    # would feel at home" opened the result there, and the joiners passed an engineering-only result
    text = ("I disagreed with our tech lead about adopting ktlint. I reformatted three files both ways and showed him it would "
            "touch twelve hundred lines. He still wanted to match the wider Kotlin community so new joiners would feel at "
            "home, and I conceded that. I committed and did the migration myself over a weekend. Formatting comments in "
            "review dropped to almost none, and review turnaround went from a day to half a day.")
    c = grade(text, lp="have-backbone-disagree-and-commit", question="Tell me about a time you disagreed with your tech lead.").checks
    assert c["business_impact"].status == "fail" and "engineering" in c["business_impact"].message


def test_a_cause_read_off_a_dashboard_with_the_effort_spent_persuading_is_not_dive_deep():
    # fresh17's churn analyst (blind): "went deeper on the people side" is bait; the depth was never dug
    q = "Tell me about a time you went two layers deeper than the surface explanation."
    text = ("I was a product analyst and our monthly churn had risen from four point eight to six point one percent. The "
            "retention dashboard already split churn by channel, so the cause was fairly clear: a sixty percent first-box "
            "discount. The hard part was that the campaign belonged to growth marketing, so I went deeper on the people "
            "side: I met the head of growth one to one, I rebuilt my slides around her metric and I walked the VP through "
            "them. The VP cut the discount and churn was back to four point nine percent two quarters later.")
    c = grade(text, lp="dive-deep", question=q).checks["lp_framing"]
    assert c.status == "fail" and "opposite" in c.message
    dug = ("I was a product analyst and our monthly churn had risen from four point eight to six point one percent. The "
           "dashboard showed nothing by channel, so I pulled the raw cancellations myself, I split them by first-box price "
           "and I traced the rise to a sixty percent discount cohort, then one layer deeper to boxes delivered late in their "
           "first week. The VP cut the discount and churn was back to four point nine percent two quarters later.")
    assert status(dug, "lp_framing", lp="dive-deep", question=q) == "pass"


def test_a_story_that_switches_into_what_one_would_do_and_never_comes_back_drifts():
    # fresh18's support lead (blind): the flag flip told, then "in that kind of situation what i would do is ..."
    text = ("one friday evening a clinic reported that reminder texts had the wrong times and the on call developer wasnt "
            "answering so i checked the release notes and i found the new template and i turned the feature flag off myself "
            "and i watched the queue and the next batch went out right "
            "then in that kind of situation what i would do is contact every affected clinic and i would pull the list of "
            "wrong reminders and send corrections and then i would write it all up for engineering")
    c = grade(text, lp="bias-for-action").checks
    assert c["past_tense"].status == "fail" and "drifts" in c["past_tense"].message
    assert c["star"].status == "warn"
    # fresh2's rollout: a drift in the middle, and the story comes back to what was done
    back = text.replace("and then i would write it all up for engineering",
                        "but what i actually did was ring the three biggest clinics myself that night and i sent the "
                        "corrections and i wrote it up for monday")
    assert status(back, "past_tense", lp="bias-for-action") == "warn"


def test_a_lesson_said_in_the_present_or_an_intention_to_notice_is_no_change_in_how_you_work():
    # fresh20 (blind): three generic lessons read as "a change you now make"
    q = "Tell me about a recent failure and what you learned from it."
    story = ("I ran the booking system launch myself, I wrote the cutover plan and I ran the release at six in the morning. "
             "Bookings in the first week were up twenty two percent. ")
    learned = grade(story + "What I learned is that I need to trust my team more, and I try to keep that in mind.",
                    lp="learn-and-be-curious", question=q).checks["reflection"]
    assert learned.status == "fail"
    eyes = grade(story + "What I learned is that small changes matter, and since then I've tried to keep my eyes open for "
                 "little improvements like that.", lp="learn-and-be-curious", question=q).checks["reflection"]
    assert eyes.status == "fail"
    # a lesson followed by what the candidate now does is a change
    habit = story + "What I learned is to check the suppliers' changes, and now after every update I run the capacity report."
    assert status(habit, "reflection", lp="learn-and-be-curious", question=q) == "pass"
    # a hypothetical answer has no story for a habit to have changed
    hyp = ("say we have a release and errors spike i would roll back first and i would post in the channel and i would "
           "get the owning team involved the key thing is not to freeze and in my current role i do a lot of releases")
    assert status(hyp, "reflection", lp="bias-for-action") == "fail"


def test_a_crowd_a_reading_room_and_a_date_met_by_the_team_are_results_in_their_fields_words():
    # fresh19/20 (blind): a stadium, an archive and a show garden, labelled pass
    stadium = ("I re-planned the away-end stewarding myself, I got the police to agree a holding area and I stood at the away "
               "end on the day. Kick-off went ahead on time, the away queue peaked at about twelve minutes, and there were no "
               "crowd incidents.")
    assert status(stadium, "business_impact", lp="deliver-results") == "pass"
    archive = ("I wrote shelf-side labelling into the contract and I did spot checks at the shelf myself every morning. Of the "
               "two thousand boxes not one was misplaced, and the reading room stayed open throughout.")
    assert status(archive, "business_impact", lp="deliver-results") == "pass"
    garden = ("The build was a week behind, so I planted fourteen hundred plants myself over six days, I swapped out forty that "
              "had gone over and I drove to the nursery for replacements. We finished the night before judging, and the "
              "sponsor was really happy.")
    assert status(garden, "star", lp="deliver-results") == "pass"


def test_frugality_answered_by_spending_past_the_plan_or_with_a_brief_to_spend_is_not_more_with_less():
    # fresh19's plant nursery and fresh20's motorway services (blind)
    q = "Tell me about a time you delivered with limited resources."
    nursery = ("I ran the retail side of a plant nursery and customers kept losing plants in the first month. I took on a "
               "horticulture graduate for the season, I ordered new care labels for every plant and I started free workshops. "
               "It cost more than we'd planned, but our rating went from four point one to four point seven.")
    c = grade(nursery, lp="frugality", question=q).checks["lp_framing"]
    assert c.status == "fail" and "opposite" in c.message
    refit = ("I ran a full refit of our food court on a budget of one point four million, and the director was clear the "
             "priority was getting it right, not doing it cheaply. I got three quotes for each package, I phased the work "
             "and I kept a weekly cost report. We came in thirty thousand pounds under budget and sales rose eighteen percent.")
    assert status(refit, "lp_framing", lp="frugality", question=q) == "warn"


def test_principle_beats_said_in_an_orchards_a_bakerys_an_apps_and_a_forms_words():
    # fresh19/20 (blind), four strong answers that warned as only touching the principle
    orchard = ("The owner wanted to start the harvest on the usual date, because that's what they'd always done. I'd been testing "
               "starch on samples from each block, and the readings said the south blocks were ten days ahead. I laid the "
               "readings out on one sheet and I proposed picking those blocks early, and the early fruit made class one at "
               "four fifths against three fifths.")
    assert status(orchard, "lp_framing", lp="are-right-a-lot", question="Tell me about a time you used data to overrule intuition.") == "pass"
    baker = ("Our best night baker would not speak up on the shift. I started meeting him every Friday for four months, I had him "
             "run the briefing once a week and I put him forward when the supervisor left. He got the job and waste fell "
             "from four percent to under two.")
    assert status(baker, "lp_framing", lp="hire-and-develop-the-best", question="Tell me about a time you helped a colleague grow.") == "pass"
    app = ("I noticed a cluster of one-star reviews from people on older phones saying the app froze. I used the app the way "
           "the reviewers described on our oldest test phone, I profiled it and I fixed the thumbnail decoding. Frame drops "
           "fell by seventy percent.")
    assert status(app, "lp_framing", lp="customer-obsession",
                  question="Tell me about a time you used customer feedback to improve a product.") == "pass"
    form = ("Our quote form had nine pages with questions asked twice. I went through every field with the underwriters, I "
            "redesigned the flow so the property questions were pre-filled from the address lookup and the rare ones only "
            "appeared when needed. Customers found it much quicker to get a quote.")
    assert status(form, "lp_framing", lp="invent-and-simplify", question="Tell me about a time you simplified something for your users.") == "pass"


def test_choosing_the_story_and_a_closing_habit_are_not_drifting_into_what_you_would_do():
    # fresh20's BI analyst (blind): "The customer I'd pick is my director ... Since then I always start ..."
    text = ("The customer I'd pick is my director. She presented a margin review to the board every quarter and didn't trust "
            "the finance spreadsheet. I sat with her for an afternoon, I rebuilt the margin calculation myself and I built "
            "one dashboard around her questions. The board dropped two lines and losses fell by two hundred thousand pounds. "
            "Since then I always start a dashboard by collecting the questions its audience gets asked.")
    assert status(text, "past_tense", lp="deliver-results") == "pass"
    # the same habit said as the whole answer is still no story
    habit = ("I always start a dashboard by collecting the questions its audience gets asked. What I do is sit with them, and "
             "I usually rebuild the numbers myself.")
    assert status(habit, "past_tense", lp="deliver-results") != "pass"


def test_the_candidates_own_boss_made_the_customer_only_touches_customer_obsession():
    # fresh20's BI analyst (blind): "The customer I'd pick is my director ... I decided to treat her as my customer"
    q = "Tell me about a time you went above and beyond for a customer."
    text = ("The customer I'd pick is my director. She presented a margin review to the board every quarter and didn't trust "
            "the finance spreadsheet, so I decided to treat her as my customer. I sat with her for an afternoon, I worked "
            "backwards from the board's questions and I rebuilt the margin calculation myself. She told me it was the first "
            "board meeting where she wasn't caught out, and losses on the worst lines fell by two hundred thousand pounds.")
    assert status(text, "lp_framing", lp="customer-obsession", question=q) != "pass"
    shoppers = ("Our shoppers kept returning garden furniture. I rang twenty of the shoppers who had sent it back, I worked "
                "backwards from what they told me about the assembly and I rewrote the instructions myself with the supplier. "
                "Returns from shoppers halved and losses on the range fell by two hundred thousand pounds.")
    assert status(shoppers, "lp_framing", lp="customer-obsession", question=q) == "pass"


def test_a_mistake_named_as_an_excess_of_a_virtue_is_spin():
    # fresh19's product analyst (blind): "my mistake was being too careful" told beside a triumph
    q = "Tell me about a time your judgement turned out to be wrong."
    text = ("I recommended a much smaller cut to the minimum order than the head of product wanted, and honestly where I was "
            "wrong was that I was too cautious: at his level orders went up twenty two percent, and my analysis convinced "
            "leadership to roll it out to all twelve cities. So in a way my mistake was being too careful. I now set out the "
            "upside case as clearly as the downside in every recommendation.")
    c = grade(text, lp="are-right-a-lot", question=q, tags=("failure",)).checks["real_failure"]
    assert c.status == "fail" and "spun" in c.message
    honest = text.replace("So in a way my mistake was being too careful.", "My smaller cut cost us a quarter of growth in "
                          "those cities, about three thousand orders, and that was my call.") \
        .replace("where I was wrong was that I was too cautious", "I was wrong")
    assert status(honest, "real_failure", lp="are-right-a-lot", question=q, tags=("failure",)) == "pass"


def test_a_manager_who_handed_over_the_work_and_then_steered_each_step_drives_the_story():
    # fresh19's lighthouse technician (blind): the first instruction said at length, then steered again and again
    text = ("My manager told me that a batch of buoy lanterns had to be swapped before the winter storms. He gave me the list "
            "and asked me to plan the work around the tender. I drew up the plan, and he adjusted it and told me to start with "
            "the harbour approach. I fitted the new lanterns and I tested each one. Partway through he said the budget had "
            "been cut and told me to prioritise the main lanes, so I reworked the plan the way he wanted. We finished before "
            "the storms.")
    assert status(text, "self_driven", lp="deliver-results") == "fail"


def test_think_big_told_as_small_changes_in_one_shop_is_not_the_principle():
    # fresh20's charity shop (blind): a label printer in one shop, "small changes", "little improvements"
    q = "Tell me about a time your idea was bigger than the team thought possible."
    text = ("I managed one shop in a regional charity chain. My idea was a label printer for the sorting room, so I bought one, "
            "I moved the price tags to the front of each rail and I trained the volunteers. Weekly takings went from two "
            "thousand one hundred pounds to two thousand four hundred. What I learned is that small changes can make a big "
            "difference, and I look for little improvements like that.")
    assert status(text, "lp_framing", lp="think-big", question=q) != "pass"
    bigger = ("I managed one shop in a regional charity chain, and my idea was to price every donation across all forty shops "
              "in one central sorting hub. I wrote the three-year case, I ran the pilot across six shops and I took it to the "
              "trustees. The whole chain moved over, and takings across the region rose by a fifth.")
    assert status(bigger, "lp_framing", lp="think-big", question=q) == "pass"


def test_results_in_a_shops_a_test_centres_a_kitchens_and_a_growers_words_are_business_terms():
    # fresh21/22 (blind, now dev): six strong answers failed as "no customer or business framing"
    steps = "I rebuilt the plan myself, I trained the two new starters and I checked every order against the list. "
    for result in ("Our takings from coach parties went up by about a quarter, and two tour operators started recommending us.",
                   "Over the next three months the wait for a test dropped from fourteen weeks to nine.",
                   "At the next inspection we got five out of five and there were no allergen incidents all year.",
                   "Wrong boxes dropped to about one in a hundred.",
                   "After that the fitters kept sending people back to us.",
                   "The reminders went out correctly to the clinics from the next morning."):
        c = grade(steps + result, lp="deliver-results").checks["business_impact"]
        assert c.status == "pass", (result, c.message)
    assert status(steps + "After that the nightly job finished in twenty minutes instead of three hours.",
                  "business_impact", lp="deliver-results") == "fail"


def test_trust_rebuilt_with_candour_after_someone_elses_misstep_speaks_to_earn_trust():
    # fresh22's post office (blind): head office's fault, the trust rebuilt by explaining it plainly to each customer;
    # "rebuild trust after a mistake" asks for the rebuilding ("admitted you were wrong" asks for the admission)
    q = "Tell me about a time you had to rebuild trust after a mistake."
    text = ("I ran a rural post office. For a week head office's system declined some withdrawals at our counter, and a "
            "couple of older customers said they'd go to the bank in town instead. I rang each of the thirty one customers "
            "turned away to explain what had happened, I got a reference for every failed transaction and I put a notice "
            "in the parish newsletter explaining the fault in plain words. By the end of the month every one of the thirty "
            "one was back using the counter and our trust with them was back. Since then I ring the regulars before they come in.")
    assert status(text, "lp_framing", lp="earn-trust", question=q) == "pass"
    assert status(text, "lp_framing", lp="earn-trust", question="Tell me about a time you admitted you were wrong.") == "fail"


def test_a_calculated_risk_told_as_the_call_made_alone_with_the_worst_case_weighed_is_bias_for_action():
    # fresh22's fishmonger (blind): no "risk" said, failed as a different question answered
    q = "Tell me about a time you took a calculated risk."
    text = ("one night the compressor on our main chiller tripped and the engineer couldnt come till nine so i made the call "
            "myself i knew if it went wrong the worst case was paying for a cold store day rate so i loaded the high value "
            "fish first and i drove four trips to the next unit and we lost forty kilos instead of the whole tonne and a half")
    assert status(text, "lp_framing", lp="bias-for-action", question=q) == "pass"


def test_information_said_to_be_missing_in_plain_words_is_bias_for_action():
    # fresh28's vineyard (blind): "nobody really knew", "you can't get that back" -- the guide's
    # "moved forward despite incomplete information" in a grower's words -- only touched the principle
    q = "Tell me about a time you made a decision with incomplete information."
    text = ("it was late april and the forecast said it might drop to minus one or it might stay at two so nobody really knew "
            "and lighting the frost candles costs about four thousand pounds a night and you cant get that back so i put two "
            "extra thermometers at the bottom of the slope and at two it was already at zero down there so i made the call "
            "and we lit six hundred candles and the vines stayed above zero and we lost under five percent of the crop")
    assert status(text, "lp_framing", lp="bias-for-action", question=q) == "pass"


def test_an_outcome_told_as_better_than_before_is_a_result():
    # fresh22's hospice shop and fresh24's prison education (blind): "the trial went better than I'd
    # estimated", "his group did better than they had before" were read as no result at all
    text = ("I managed a hospice charity shop. The plan was to send all donated books to a recycler. I spent two weeks "
            "checking every donated book against online prices myself, I proposed keeping one bay for books, and I set up "
            "the online listings myself. The trial went better than I'd estimated, the book bay became one of the "
            "best-earning parts of the shop, and the area manager rolled the same approach out to the other shops in the "
            "region. Since then, before I agree to throw away any category of donation, I check what it sells for first.")
    checks = grade(text, lp="are-right-a-lot").checks
    assert checks["star"].status == "pass"
    assert "no result" not in checks["business_impact"].message


def test_a_failure_spun_into_a_success_is_real_failures_to_judge_not_the_storys_shape():
    # every blind writer from fresh4 on labelled star pass on a well-built spun story (11 of 11):
    # the spin is the failure question's red flag, judged once, by real_failure
    q = "Tell me about a time you failed."
    text = ("I was leading the launch of our new booking app and I had promised the client a date in March. I underestimated "
            "the testing, so I planned the whole release around the happy path. Two weeks before launch I found the payment "
            "step broke on older phones, and I rebuilt the test plan myself and ran it every night. In the end it all turned "
            "out great: the client was delighted and bookings went up forty percent. Now I plan the testing before I "
            "promise a date.")
    checks = grade(text, lp="learn-and-be-curious", question=q, tags=("failure",)).checks
    assert checks["real_failure"].status == "fail"
    assert checks["star"].status == "pass"


def test_a_number_in_the_candidates_closing_habit_measures_the_habit_not_the_result():
    # fresh31's ski lift (blind, both readers): "i go and stand in it for half an hour" read as the result
    text = ("i ran the lift queue at a ski resort and families with small children were waiting forty minutes between nine "
            "and ten so i took it on i watched the queue myself for a week i set up a family lane at the side gate and i "
            "trained the liftees to load the children first and after that the morning queue was a lot shorter and parents "
            "told us so and the ski school said their classes were starting on time again and since then whenever i look "
            "at a queue i go and stand in it for half an hour before i change anything")
    checks = grade(text, lp="customer-obsession").checks
    assert checks["quantified_result"].status == "warn"
    measured = text.replace("a lot shorter", "down from forty minutes to twelve")
    assert status(measured, "quantified_result", lp="customer-obsession") == "pass"


@pytest.mark.parametrize("reason", [
    "because I had used it before and I liked its dashboard",
    "because I'd used it on my last team and I find it more concise",
])
def test_a_tool_chosen_for_taste_or_habit_is_a_preference_either_side_holds(reason):
    # guide: "real disagreement (not a minor preference)"; the red flag "I thought we should use Postgres,
    # my manager wanted MySQL" holds whoever's taste it is and whatever the tool is called
    text = ("I was on the reporting team and we were moving our nightly jobs to a scheduler. I wanted us to use Dagster "
            f"{reason}. My manager wanted the one the platform team ran. I disagreed, wrote up a comparison and raised it in two team meetings; "
            "she listened but she still preferred hers, and I committed: I moved all twenty jobs across in four weeks, and "
            "the morning reports have landed on time since. Now I write the comparison down before I argue.")
    checks = grade(text, lp=BACKBONE, question="Tell me about a time you disagreed with your manager.").checks
    assert checks["backbone"].status == "fail" and "preference" in checks["backbone"].message, checks["backbone"]
    assert checks["lp_framing"].status == "warn", checks["lp_framing"]


def test_a_disagreement_kept_to_oneself_only_touches_backbone_unless_raised_after_all():
    # guide: "a substantive stand (not just venting)": a view never said to the person deciding is no stand
    text = ("I was a shift lead at a parcel depot and my manager moved the heavy sort to the end of the night. I thought it was "
            "a mistake, because the last trailers would leave late, but it wasn't my place to question it, so I didn't say "
            "anything and I ran the sort the way he asked. Within two weeks a third of the last trailers left late, and he "
            "changed it back. Now I raise a change I think is wrong at the briefing the same day.")
    q = "Tell me about a time you disagreed with your manager."
    checks = grade(text, lp=BACKBONE, question=q).checks
    assert checks["lp_framing"].status == "warn" and "to yourself" in checks["lp_framing"].message, checks["lp_framing"]
    assert checks["backbone"].status == "fail" and "never voiced" in checks["backbone"].message, checks["backbone"]
    raised = text.replace("so I didn't say anything and I ran", "so I didn't say anything in the meeting, but afterwards I "
                          "took it to him with last month's trailer times, he kept his plan, and I ran")
    checks = grade(raised, lp=BACKBONE, question=q).checks
    assert "never voiced" not in checks["backbone"].message and checks["lp_framing"].status == "pass", checks


@pytest.mark.parametrize("question, missing, added", [
    ("Tell me about a time others disagreed with you and you turned out to be right.", "nobody disagreed",
     "The buyers were sceptical, because the old forecast had always been good enough."),
    ("Tell me about a time you used data to overrule intuition.", "no intuition",
     "Everyone assumed the waste came from the weekend deliveries."),
    ("Tell me about a decision where your judgement was vindicated by the outcome.", "no call of yours",
     "I made the case to switch the daily model on before the summer, against the buyers' wish to wait."),
])
def test_an_are_right_a_lot_prompt_answered_without_the_contest_it_names_is_a_different_question(question, missing, added):
    # guide: "answering a different question than the interviewer is asking": a forecasting project delivered
    # well has the principle's words (data, a model, a forecast) and none of the contest the prompt names
    text = ("I was a data analyst at a grocery chain and I took over the fresh produce forecast. I cleaned three years of "
            "order data, I rebuilt the model so it ran daily, and I checked its output with the buyers every week. When it "
            "went live, forecast error fell from twenty-two percent to fourteen, and salad waste fell by nine percent. Now I "
            "check a new model against last year's orders before I trust it.")
    c = grade(text, lp="are-right-a-lot", question=question).checks["lp_framing"]
    assert c.status == "fail" and missing in c.message, c
    told = text.replace("I cleaned three", f"{added} I cleaned three")
    assert status(told, "lp_framing", lp="are-right-a-lot", question=question) == "pass"


def test_data_overruling_intuition_answered_by_the_hunch_overruling_the_data_is_the_reverse_question():
    # fresh53's wedding venue, fresh88's garden centre (blind): "my gut said that was wrong ... So I went against the
    # spreadsheet" answers the reverse of "a time you used data to overrule intuition", however well it came out
    q = "Tell me about a time you used data to overrule intuition."
    text = ("I ran the plant area of a garden centre. Head office's ordering model told us to cut bedding plants by a quarter "
            "for May, because sales had dipped. My gut said that was wrong: the main road had been shut the spring before. "
            "So I went against the model, ordered the full amount and built an extra display by the door. Bedding sales "
            "were up thirty percent on the year before and we sold through almost everything. Now I write down what I "
            "know that the model does not and send it to the planners.")
    c = grade(text, lp="are-right-a-lot", question=q).checks["lp_framing"]
    assert c.status == "fail" and "reverse" in c.message and "went against the model" in " ".join(c.evidence), c
    # the same shop with the data winning is the question answered
    data_won = text.replace("My gut said that was wrong: the main road had been shut the spring before. So I went against "
                            "the model, ordered", "My gut said the model was wrong, but I checked the till data first: the "
                            "dip was real, so I ordered")
    assert status(data_won, "lp_framing", lp="are-right-a-lot", question=q) == "pass"
    # ... and the same hunch told to "a decision where your judgement was vindicated" answers that question
    assert status(text, "lp_framing", lp="are-right-a-lot", question="Tell me about a decision where your judgement was "
                  "vindicated by the outcome.") == "pass"


@pytest.mark.parametrize("lexicon, said", [
    # each of these was written as one phrase with a choice of several words in one place ("a meeting|a one to one"),
    # which the phrase syntax reads as choices for single words, so most of the choices never matched
    ("backbone.disagreement", "i thought it was wrong"),
    ("backbone.disagreement", "i thought this was a mistake"),
    ("backbone.voiced", "i asked for a meeting"),
    ("backbone.voiced", "i asked for half an hour"),
    ("ask:are-right-a-lot:others disagreed", "they were against it"),
    ("contrary:insist-on-the-highest-standards", "it was good enough for now"),
    ("keywords:earn-trust", "we rebuilt trust"),
    ("business.engineering", "our retry queue went down"),
    ("business.engineering", "the dead letter queue emptied"),
])
def test_each_choice_written_into_a_phrase_is_matched(lexicon, said):
    from assistant.language import analyse
    rules = load_rules()
    if lexicon.startswith("ask:"):
        _, lp, question = lexicon.split(":")
        lex = next(a.story for a in rules.framing_asks if a.lp == lp and a.question.pattern.search(question))
    elif lexicon.startswith("contrary:"):
        lex = rules.framing_contrary[lexicon.split(":")[1]]
    elif lexicon.startswith("keywords:"):
        lex = rules.framing[lexicon.split(":")[1]]
    else:
        lex = rules.lex[lexicon]
    toks = analyse(said.split()).tokens
    assert toks.hits(lex), f"{lexicon} does not match {said!r}"


def test_a_change_still_in_the_works_with_only_a_forecast_has_no_result_yet():
    # fresh101's waste contracts (blind): the finding that started it and the savings "we expect" once the tender starts
    # next year are no result (guide: "The Result section is missing")
    text = ("i work in the waste department of the city and two years ago i saw that the collection companies plan their routes "
            "separately so the trucks cross the same streets twice i proposed to the head of the department that the city gives "
            "the routes i took the gps data from the trucks and i showed that in three districts the trucks drive around twenty "
            "percent more kilometres than needed i presented it to the department and then to the deputy mayor so now it is in "
            "the new tender which will start next year and we are preparing the documents and we expect the savings can be "
            "around four million zloty per year")
    checks = grade(text, lp="think-big", question="Tell me about a time you changed the direction of work beyond your own team.").checks
    assert checks["star"].status == "fail" and checks["quantified_result"].status == "warn", (checks["star"], checks["quantified_result"])
    assert checks["business_impact"].status == "fail", checks["business_impact"]
    # ... and once the tender has run, the same savings said as what happened are the result
    done = text.replace("so now it is in the new tender which will start next year and we are preparing the documents and we "
                        "expect the savings can be around four million zloty per year", "the new tender started last year and "
                        "the savings came to around four million zloty in the first year")
    checks = grade(done, lp="think-big", question="Tell me about a time you changed the direction of work beyond your own team.").checks
    assert checks["star"].status == "pass" and checks["quantified_result"].status == "pass", (checks["star"], checks["quantified_result"])


def test_the_question_said_back_before_the_story_does_not_answer_what_it_asks_for():
    # fresh98's shoe shop (blind): "okay um data over intuition so um i was assistant manager ..." then a hard-work
    # Christmas with no data and no hunch in it: the echo's "intuition" is the prompt repeated, not the story's
    q = "Tell me about a time you used data to overrule intuition."
    story = ("i was assistant manager in a shoe shop in warsaw and we had a very hard christmas because two of my colleagues "
             "were sick so i worked a lot of extra shifts i came in on my days off i did the opening and the closing and i "
             "trained a new girl on the till very fast and we hit a hundred and ten percent of our december target and my "
             "regional manager gave me employee of the month so for me this shows i am reliable")
    echoed = "okay um data over intuition so um " + story
    c = grade(echoed, lp="are-right-a-lot", question=q).checks["lp_framing"]
    assert c.status == "fail" and "no intuition is overruled" in c.message, c
    # ... while the same words inside the story are its beat: everyone's hunch, and the till data that overruled it
    told = ("okay so " + story.replace("so for me this shows i am reliable", "everyone's intuition was to order more boots "
            "but i pulled the till data and it showed trainers sold twice as fast so we ordered trainers instead"))
    assert status(told, "lp_framing", lp="are-right-a-lot", question=q) != "fail"


def test_moving_forward_answered_by_waiting_for_the_full_data_is_the_opposite_of_bias_for_action():
    # guide, Bias for Action: "a real time pressure or information gap, a calculated risk taken"
    q = "Tell me about a time you moved forward despite incomplete information."
    text = ("I led the claims team at an insurer, and after the February storms we had four thousand new claims in ten days. "
            "I had an idea to settle small claims on photos alone, but I didn't want to move until I knew the fraud rate, so "
            "I asked the fraud team for a full audit and I waited for that, which took three weeks. Then I wrote the proposal, "
            "got it signed off the same day and trained my twelve handlers myself. We settled two thousand claims on photos "
            "and the time to settle fell from twenty-six days to six. Since then I get the complete numbers in front of me "
            "before I change anything.")
    c = grade(text, lp="bias-for-action", question=q).checks["lp_framing"]
    assert c.status in ("warn", "fail") and "opposite" in c.message, c


def test_a_new_skill_question_needs_the_learning_and_the_learning_put_to_use():
    # the bank's Learn and Be Curious prompt: "a time you learned a new skill to solve a problem"
    q = "Tell me about a time you learned a new skill to solve a problem."
    move = ("I was the supervisor at a medical supplies warehouse, and we had eleven days to move all our stock to a new site. "
            "I drew up the move plan zone by zone, I booked two refrigerated trucks for the cold lines, and I checked every "
            "pallet against the stock list myself. We finished a day early and shipped ninety-eight percent of orders on time. "
            "Since then I build a two-day buffer into every move plan.")
    c = grade(move, lp="learn-and-be-curious", question=q).checks["lp_framing"]
    assert c.status == "fail" and "nothing new is learned" in c.message, c
    shelved = ("I was a data officer on a patient registry, and we cleared duplicate records by hand. I'd read about record "
               "linkage, so I took a forty-hour online course in my own time and learned how to set match weights. By the time "
               "I'd finished, the team had cleared the backlog by hand, and there wasn't really a moment to bring the new method "
               "in, so we carried on the way we were. I got the certificate, and I read a paper on linkage every month now.")
    c = grade(shelved, lp="learn-and-be-curious", question=q).checks["lp_framing"]
    assert c.status == "warn", c
    used = shelved.replace("By the time I'd finished, the team had cleared the backlog by hand, and there wasn't really a "
                           "moment to bring the new method in, so we carried on the way we were.",
                           "Then I ran the linkage on our backlog myself and matched eighteen hundred duplicates in a week.")
    assert status(used, "lp_framing", lp="learn-and-be-curious", question=q) == "pass"


def test_a_nights_fix_handed_back_to_its_owners_is_a_one_off_whatever_was_handed_over():
    # the labeling rules, from the guide's Ownership ("long-term over short-term"): a one-off fix only touches it
    q = "Tell me about a time you handled a problem nobody owned."
    text = ("I was the night supervisor at a frozen food warehouse, and the door on chamber three kept icing up so it wouldn't "
            "close. Maintenance said it was an operations problem and operations said it was maintenance's, so nobody owned it. "
            "I decided to take it on myself. One night it was so "
            "bad the forklifts couldn't get through, so I chipped the ice off myself for an hour, put a warm air blower by the "
            "door and taped a sign on it, and all twenty-six pallets for the morning stores went out on time. At handover I "
            "told the day manager and said it's over to you now, and I put it in the shift log.")
    c = grade(text, lp="ownership", question=q).checks["lp_framing"]
    assert c.status == "warn" and "one-off" in c.message, c
    kept = text.replace("At handover I told the day manager and said it's over to you now, and I put it in the shift log.",
                        "Then I wrote a weekly defrost into the night shift's checklist and got the blower on the planned "
                        "maintenance list, and the door has not iced up since.")
    assert status(kept, "lp_framing", lp="ownership", question=q) == "pass"


def test_the_lasting_fix_the_owners_made_after_it_was_handed_back_is_not_the_candidates():
    # fresh79's bus driver, fresh74's front-end developer (blind): "They replaced the hinge the next day", "the platform team
    # replaced my pin with a proper fix" is the owners' long term, not the candidate's (guide, Ownership: "long-term over
    # short-term")
    q = "Tell me about a time you took on something outside your scope."
    text = ("I drive a bin lorry for the council. One Monday the lift arm on my lorry started sticking halfway, and the "
            "fitters hadn't got to it. Technically we're told not to touch the equipment, it wasn't my job and nobody owned "
            "it, but I decided to take it on. The residents on my round were "
            "waiting, so that morning I got down, found the pivot full of grit, cleaned it out and greased it myself, and we "
            "finished all four hundred and twenty bins on the round on time. At the end of the shift I wrote it up on the "
            "defect sheet and told the workshop supervisor. They replaced the pivot the next day.")
    c = grade(text, lp="ownership", question=q).checks["lp_framing"]
    assert c.status == "warn" and "one-off" in c.message, c
    # the same replacement made the candidate's own lasting fix is the long term
    kept = text.replace("They replaced the pivot the next day.", "Then I replaced the pivot on all six lorries in the yard "
                        "with the sealed type, and it has not stuck since.")
    assert status(kept, "lp_framing", lp="ownership", question=q) == "pass"


def test_test_environments_switched_off_are_not_the_environment():
    # fresh49's cloud bill told to Success and Scale: "I shut down three old test environments nobody used"
    q = "Tell me about a time you considered the wider impact of your work beyond your company."
    text = ("I was a platform engineer at a software vendor, and as we grew our cloud bill grew faster than our revenue. I went "
            "through every service and found full-size servers running all night for a twenty-minute job. I moved that job to "
            "run on demand, I shut down three old test environments nobody used, and I moved our logs to cheaper storage. Our "
            "monthly bill fell by thirty-one percent, about eighteen thousand pounds. Now I review our biggest cloud costs on "
            "the first Monday of every month.")
    c = grade(text, lp="success-and-scale-bring-broad-responsibility", question=q).checks["lp_framing"]
    assert c.status == "fail", c
    green = text.replace("about eighteen thousand pounds.", "about eighteen thousand pounds, and the power those servers drew "
                         "fell by a third, which I reported to the environmental team as part of our carbon footprint.")
    assert status(green, "lp_framing", lp="success-and-scale-bring-broad-responsibility", question=q) != "fail"


def test_refusing_good_enough_answered_by_deciding_it_was_good_enough_is_the_opposite():
    # the guide's Insist on the Highest Standards, and the bank's "a time you refused to accept 'good enough'"
    q = "Tell me about a time you refused to accept 'good enough'."
    text = ("I run a bridal alterations shop with two seamstresses. One June, the day before collection, I found the hem on a "
            "dress's underlayer was a couple of millimetres uneven at the back. Redoing it meant four hours of unpicking, and we "
            "had three fittings that afternoon. I decided it was good enough, because with the overskirt on top nobody would "
            "ever see it, and I steamed it so it hung as well as it could. The bride was delighted, and all fourteen dresses "
            "that fortnight went out on the day promised. Since then, in peak season, I check the top layers first.")
    c = grade(text, lp="insist-on-the-highest-standards", question=q).checks["lp_framing"]
    assert c.status in ("warn", "fail") and "opposite" in c.message, c


@pytest.mark.parametrize("closing, counts", [
    # a rule the candidate keeps, said as what every case now gets (guide: "a behavioural change the
    # candidate now uses repeatedly")
    ("Now every new volunteer gets a half-hour chat with me after their first month.", True),
    ("My first move now, when anyone asks for new kit, is a full count of what we already own.", True),
    # "rather than" chooses, it does not compare (fresh52-15, blind)
    ("Every newcomer gets a first Saturday with me now, rather than with whoever is free.", True),
    # a standing cue the candidate acts on (fresh53-05, blind): "take ... as my cue" is no belief
    ("Whenever a volunteer now misses two Saturdays, I take that as my cue to ring them.", True),
    # what nobody now does without the candidate (fresh82's bakery, fifteenth round, blind)
    ("Now, on my desk, nobody signs off a newcomer's first repair until I've had the bike in my hand.", True),
    # ... not what others now do to the candidate, nor a lesson, nor how they get on
    ("The ops team now comes to me first with every rota change.", False),
    ("My biggest lesson now is that people matter more than process.", False),
    ("Every volunteer and I get on better now than before.", False),
])
def test_a_closing_practice_told_as_the_rule_every_case_now_gets(closing, counts):
    text = ("I ran the volunteer desk at a bike repair co-op, and new volunteers kept leaving within two months. I rang the "
            "twelve who had left that year and heard the same thing: nobody had asked what they wanted to learn. I set up a "
            "ladder of five skills, I paired each newcomer with a mechanic for their first four Saturdays, and I kept a board "
            "of who could do what. Over the next year eleven of fourteen new volunteers stayed past six months, up from four "
            "of twelve, and the wait for a repair fell from two weeks to four days. " + closing)
    c = grade(text, lp="strive-to-be-earths-best-employer", question="Tell me about a time you made your workplace better.").checks["reflection"]
    assert (c.status == "pass") == counts, c


@pytest.mark.parametrize("lp, question, text", [
    # Deliver Results ("delivered against a tight deadline", "stepped in to recover a failing project"): the
    # deadline said as the date and the weeks there were, the rescue as the project taken over;
    # Hire and Develop ("helped a colleague grow"): the teaching, and the colleague then working alone;
    # Customer Obsession ("working backwards from the customer"): a boat firm's hirers rung and heard out
    ("deliver-results", "Tell me about a time you delivered against a tight deadline.",
     "I ran the office at a dental practice, and the software supplier told us our old booking system would be switched off "
     "at the end of June. We had about five weeks. I exported every patient record myself, I checked the first hundred by "
     "hand, and I ran both systems side by side for the last week. We moved over two days before the switch-off and not one "
     "appointment was lost."),
    ("deliver-results", "Tell me about a time you stepped in to recover a failing project.",
     "I was a teacher at a primary school, and the reading scheme for the younger classes had been drifting for a year: half "
     "the books were missing and nobody tracked who read what. When the colleague running it left, I took it over myself. I "
     "counted every book, I reordered the missing sets from the library service, and I set up a reading record for each child. "
     "By the summer every child in the two classes had read at least twelve books, up from four."),
    ("hire-and-develop-the-best", "Tell me about a time you helped a colleague grow.",
     "I ran the print room at a sign maker, and my boss asked me to take on our new starter, Lena. For her first two "
            "months I had her beside me at the cutter, I showed her how to set up the files, and I checked every job she did "
            "before it went out. Then I left her to it. By the fourth month she was doing whole shop fronts on her own, her "
            "reject rate was down to two percent, the same as mine, and she passed her first year with a distinction. Now "
            "when I teach anything, I watch the person do it before I show them any shortcut."),
    ("customer-obsession", "Tell me about a time you used customer feedback to improve a product.",
     "I ran the bookings office at a narrowboat hire firm. Every hirer filled in a comment card at handback, and nobody "
            "read them, so one winter I read all four hundred myself. One in five mentioned being frightened at the first lock. "
            "I rang twelve of those hirers to ask what would have helped, and most said the yard handover was forgotten by the "
            "time they reached it. I rewrote the handover so an instructor rode with every crew through the first lock. The "
            "next season lock mentions fell to one in twenty-five and repeat bookings rose from eighteen percent to twenty-six. "
            "Now every October I read the whole box of cards before I plan the next year."),
])
def test_a_principles_beat_said_in_the_trades_own_words_speaks_to_it(lp, question, text):
    c = grade(text, lp=lp, question=question).checks["lp_framing"]
    assert c.status == "pass", c


def test_feedback_the_candidate_received_does_not_answer_a_feedback_you_gave_question():
    # fresh53-22 and fresh55-38 (blind): asked for feedback given, each told feedback received and
    # acted on well; the same story with the candidate telling someone answers the question
    q = "Tell me about a difficult piece of feedback you delivered honestly."
    received = ("I ran the dispatch desk at a courier depot. My shift manager pulled me aside one evening and told me my "
                "handovers were a mess: the night team kept finding jobs I hadn't mentioned. It was hard to hear. I wrote a "
                "handover sheet that night and walked the night lead round the board every evening. Missed collections "
                "fell from nine a week to two, and I still do a written handover on every shift.")
    c = grade(received, lp="earn-trust", question=q).checks["lp_framing"]
    assert c.status == "fail" and "given to you" in c.message and "pulled me aside" in " ".join(c.evidence), c
    given = received.replace("My shift manager pulled me aside one evening and told me my handovers were a mess",
                             "I pulled our night lead aside one evening and told him his handovers were a mess")
    assert status(given, "lp_framing", lp="earn-trust", question=q) == "pass"
    # the same received story told to a question that asks for no feedback is not judged on it
    other = grade(received, lp="earn-trust", question="Tell me about a time you rebuilt trust after a misstep.").checks["lp_framing"]
    assert "given to you" not in other.message, other


def test_a_story_told_in_the_historic_present_is_a_real_story_of_ones_own():
    # fresh57 (blind): six additional-language speakers told real stories in the present tense; each
    # was told it had no action of its own, no past story and no action at all
    text = ("I work as coordinator in a small dental practice. The owner wants to stop the Saturday clinic because it "
            "costs extra. But I look in the booking system and I see the Saturday slots are always full, about ninety "
            "patients a month, people who work in the week. So I go to the owner and I say, if we close, these patients "
            "go to the emergency dentist and pay three times more. He says the staff are tired. So I make a proposal, "
            "two Saturdays a month, and I make the rota myself and I take one Saturday at the desk. Then I call every "
            "Saturday patient to explain. In the end eighty-five of the ninety stay with us and nobody complains. Now "
            "before any change to opening hours I always check who books those hours first.")
    e = grade(text, lp="customer-obsession", question="Tell me about a decision where you sided with the customer over your team.")
    assert {k: e.checks[k].status for k in ("i_vs_we", "past_tense", "star")} == {"i_vs_we": "pass", "past_tense": "pass", "star": "pass"}, e.checks
    # ... and its closing sentence, said after the last thing anyone else did, is how the candidate works now
    # (fresh57-11, blind), habit word or none
    plain = text.replace("Now before any change to opening hours I always check who books those hours first.",
                         "For me it is simple: when a change hits people who cannot come another time, I look at who books first.")
    assert grade(plain, lp="customer-obsession", question="Tell me about a decision where you sided with the customer over your team.").checks["reflection"].status == "pass"


def test_the_candidates_advice_judged_wrong_is_the_candidates_call():
    # fresh97's freight forwarder (nineteenth round, blind): "i told them wait it's cheaper and yeah that was the wrong call"
    q = dict(lp="are-right-a-lot", question="Tell me about a time you made the wrong call and how you found out.", tags=["failure"])
    text = ("uh okay so um i work at a freight forwarder in rotterdam in the ocean team and um last year we had a customer "
            "uh a bicycle importer and they had a container of e bikes coming from taiwan and the ship was delayed like ten"
            " days at the transshipment in colombo so um the customer asked should we switch part of it to air and i said "
            "no because um i looked at the schedule and i thought the delay would uh recover you know the carrier said they"
            " would skip a port and catch up so i told them uh wait it's cheaper and um yeah that was the wrong call the "
            "ship didn't catch up it actually lost like another six days because of congestion and i found out because um "
            "the customer's planner phoned me uh very angry because their shop launch was you know that month and um so "
            "then i did book air freight for the urgent part twelve pallets and i uh i tracked it every day myself and it "
            "landed um three days before their launch and um now i uh i don't you know i don't trust the carrier's recovery"
            " promise any more i check the actual port congestion and the vessel's real position before i advise anything")
    assert status(text, "lp_framing", seconds=None, **q) == "pass"
    assert status(text, "real_failure", seconds=None, **q) != "fail"


def test_the_candidates_own_call_judged_wrong_in_the_next_breath_is_owned():
    # fresh57-32 (blind): "I decided to stop stocking ... That was the wrong call" was told it had no mistake of its own
    q = "Tell me about a time you made the wrong call and how you found out."
    text = ("I ran a garden centre, and I decided to stop selling the cheap seed trays because they cracked. That was "
            "the wrong call. Within two months our seed sales dropped by about a third, because growers went to the shop down "
            "the road for the trays and bought their seed there too. I reversed it, restocked, and rang our allotment society "
            "to get the word out, and within a month seed sales were back to around four hundred packets a week. Now I check "
            "what a product brings in with it before I cut it.")
    c = grade(text, lp="are-right-a-lot", question=q, tags=("failure",)).checks["real_failure"]
    assert c.status == "pass", c
    # ... but somebody else's call judged wrong is not the candidate's mistake
    theirs = text.replace("I decided to stop selling", "the owner decided to stop selling").replace(
        "I reversed it, restocked, and rang", "The owner reversed it, restocked, and rang")
    assert status(theirs, "real_failure", lp="are-right-a-lot", question=q, tags=("failure",)) == "fail"


def test_growth_told_as_what_a_mentor_did_for_the_candidate_is_the_candidates_own():
    # fresh59-23 (blind): asked how the candidate helped a colleague grow, the answer tells how a mentor
    # developed the candidate -- "he let me shadow him ... he let me write the programmes myself"
    q = "Tell me about a time you helped a colleague grow."
    text = ("When I joined the print works as an apprentice I was put with a senior setter called Dave. He let me shadow "
            "him on every press change, even the night shifts, and after a few months he let me set up the small jobs "
            "myself and he'd check them. I went through every old job sheet in my own time and I passed my setter's "
            "assessment in nine months, the quickest in the works that year, so the night rota went from one setter "
            "in four to one in five. These days when I get a new apprentice I do what Dave did.")
    c = grade(text, lp="hire-and-develop-the-best", question=q).checks["lp_framing"]
    assert c.status == "fail" and "your own" in c.message, c
    # ... the same beats told of the candidate developing someone else answer the question
    theirs = ("When a new apprentice, Kim, joined the print works I was the senior setter she was put with. I let her "
              "shadow me on every press change, even the night shifts, and after a few months I let her set up the small "
              "jobs herself and I checked them. She passed her setter's assessment in nine months, the quickest in the "
              "works that year, so the night rota went from one setter in four to one in five. These days I give every "
              "apprentice the small jobs from the first month.")
    assert "your own" not in grade(theirs, lp="hire-and-develop-the-best", question=q).checks["lp_framing"].message


def test_a_colleague_kept_and_recovered_is_a_people_storys_result():
    # the ninth round (blind): a hardware shop owner's colleague, "still with us ... back to his old self on the
    # counter": the result, said in passing, in the person's and the shop's terms
    story = ("i've got a hardware shop and last winter pete started making mistakes on the till and he was snappy with "
             "customers so i asked him to have a cup of tea with me and he told me his wife was ill so i changed his "
             "hours i covered his saturdays myself and i put him in touch with the carers centre ")
    kept = story + "and he's still with us he's back to his old self on the counter and the regulars ask for him by name"
    c = grade(kept, lp="strive-to-be-earths-best-employer", question="Tell me about a time you noticed a colleague was struggling.").checks
    assert c["star"].status == "pass" and c["business_impact"].status == "pass", (c["star"].message, c["business_impact"].message)
    c = grade(story, lp="strive-to-be-earths-best-employer", question="Tell me about a time you noticed a colleague was struggling.").checks
    assert c["star"].status == "fail"


@pytest.mark.parametrize(
    "outcome",
    [
        # fresh13's radio station, fresh30's school library, fresh39's theatre, fresh50's ferry, fresh52's buses,
        # fresh61's outreach (dev): what changed for the people served, said in plain words
        "We were back on air by the Monday and our listeners didn't miss a breakfast show.",
        "The kids started coming in at lunch and the group recommended us to other schools.",
        "It ran, and the schools loved it.",
        "Feedback from drivers and passengers has been really positive.",
        "In the year since, none of those passengers has been left waiting at the ramp.",
    ],
)
def test_a_result_said_in_plain_words_is_a_result(outcome):
    story = ("Our old equipment died and there was no money for a replacement. I found a secondhand one through a local "
             "college, I rewired it myself over a weekend and I tested it with the volunteers on the Sunday. ")
    c = grade(story + outcome, lp="frugality").checks
    assert c["star"].status == "pass" and c["business_impact"].status == "pass", (c["star"].message, c["business_impact"].message)
    # ... and without it the story has none
    assert grade(story, lp="frugality").checks["star"].status == "fail"


def test_an_outcome_said_as_someones_words_is_theirs():
    # fresh34's care home (dev): "the families said their evening visits were calmer": the families' result
    story = ("the owner wanted the residents in bed by eight so the night staff could cope and i didnt agree so i kept a log "
             "for two weeks of who was awake and unsettled and i showed him it and he agreed to try the later bedtimes "
             "and i rewrote the evening rota myself and ")
    said = story + "the families said their evening visits were calmer"
    assert status(said, "business_impact", lp="have-backbone-disagree-and-commit") == "pass"
    # ... the same outcome with nobody it was for named is none
    bare = story + "the evenings were calmer"
    assert status(bare, "business_impact", lp="have-backbone-disagree-and-commit") == "fail"


def test_a_customer_named_by_who_they_are_is_whom_the_story_was_for():
    # fresh66's cafe (tenth round, blind): "a woman came in with her little girl ... i told the mum honestly"
    q = "Tell me about a decision where you sided with the customer over your team."
    text = ("this was at a cafe where i worked weekends and a woman came in with her little girl who had a nut allergy and she "
            "asked if the brownies were safe and the folder said they were but the box had a different supplier on it so i "
            "went and got the box out of the recycling and it said made in a factory that handles nuts and my supervisor said "
            "just tell her its fine we've got a queue and i said no so i told the mum honestly that i couldnt promise it and "
            "offered her the flapjack which i'd checked and after we closed i checked every packet in the stockroom against "
            "the folder and found three more that were wrong and the owner made it a rule that whoever unpacks a delivery "
            "checks it and the two of them came back every saturday after that")
    assert status(text, "lp_framing", lp="customer-obsession", question=q) == "pass"


def test_a_mentees_exercise_the_candidate_set_is_not_growth_told_as_the_candidates_own():
    # fresh66's passport office (tenth round, blind): "I made her talk me through each case" is the candidate's
    # exercise for her, not her teaching the candidate
    q = "Tell me about a time you mentored someone through a hard problem."
    text = ("Aisha joined as a new examiner and she was drowning in the hardest cases. I didn't want to just take her cases off "
            "her, so for two weeks I sat with her for the first hour of every shift, and I made her talk me through each case "
            "out loud. Together we drew the guidance out as a one-page decision tree. By the end of the month she was clearing "
            "eleven of those cases a day, up from three. What I do now when I mentor anyone is make them talk me through their "
            "reasoning before I say a single thing.")
    assert "your own" not in grade(text, lp="hire-and-develop-the-best", question=q).checks["lp_framing"].message
    # ... while somebody else developing the candidate, twice, still is the candidate's own growth
    theirs = ("When I joined, my lead let me shadow her on every hard case and then she let me take the easy ones myself. "
              "By the end of the month I was clearing eleven cases a day.")
    assert "your own" in grade(theirs, lp="hire-and-develop-the-best", question=q).checks["lp_framing"].message


@pytest.mark.parametrize(
    ("lp", "question", "story", "beats"),
    [
        # fresh66 (tenth round, blind): each principle's beat in a public servant's or a student's plain words
        ("are-right-a-lot", "Tell me about a time you used data to overrule intuition.",
         "so i work in a jobcentre and the feeling in the office was that people who missed their morning appointments "
         "just weren't bothered and to be honest that was my {0} too so i sat down with the missed list and the postcodes "
         "and {1} the bus timetable and they all came from three villages where the first bus gets in too late so the office "
         "moved them to after ten and the missed appointments just about disappeared",
         ("gut feeling", "matched them against")),
        ("earn-trust", "Tell me about a difficult piece of feedback you delivered honestly.",
         "i was a part time lifeguard at the leisure centre and one of the senior lifeguards was on his phone in the chair "
         "during lane swimming and i was the youngest there but {0} in the staff room that when he's on his phone he's "
         "not watching the deep end he was {1} for a day but he stopped and he's put his phone in the locker every shift since",
         ("i said it to him", "annoyed")),
        ("invent-and-simplify", "Tell me about a time you simplified a complex process.",
         "the wards ordered supplies with a paper form then an email then a phone call to chase it so i sat with the ward "
         "clerks and watched how they ordered and i {0} to a short online form with the usual items {1} and the wards "
         "stopped ringing to chase",
         ("cut it down", "already ticked")),
        ("deliver-results", "Tell me about a time you delivered against a tight deadline.",
         "it was a saturday wedding for a hundred and twenty and the head chef {0} flu at six in the morning so i took the "
         "desserts on my own i rewrote the prep list {1} what takes longest and i plated every dessert myself and the "
         "bride's mum came into the kitchen to say thank you",
         ("rang in with", "in order of")),
        # the twelfth round (fresh71, blind): each principle's beat in an engineer's, a finance lead's and a planner's words
        ("frugality", "Tell me about a creative solution that saved cost.",
         "Our bag sealer was rejecting four percent of bags and the quote for new sealing jaws was $140,000. I spent two night "
         "shifts on the line with a logger and found the jaws cooled whenever the line sat idle, so I wrote a warm-up routine "
         "into the PLC and we fitted a shroud made from {0} in the shop. Seal rejects went from 4% to 0.6%, and we {1} the "
         "new jaws.", ("offcuts", "never bought")),
        ("invent-and-simplify", "Tell me about a time you simplified a complex process.",
         "i ran accounts payable at a hospital group and every invoice needed {0} before we could pay it so i pulled a year "
         "of invoices and found most were under five hundred dollars and i proposed {1} under five hundred and wrote the "
         "policy myself and average time to pay went from twenty three days to six", ("four signatures", "a single approval")),
        ("are-right-a-lot", "Tell me about a time others disagreed with you and you turned out to be right.",
         "The category team wanted to pre-build bottled water in every store before hurricane season. I went back through "
         "the previous storms myself, and {1} holding the extra stock at the distribution centres. My director initially "
         "{0}, so I walked her through the store-level history. Coastal stores stayed in stock throughout.",
         ("sided with them", "I argued for")),
        # the thirteenth round (fresh73, blind): candid feedback said in private, and not liked
        ("earn-trust", "Tell me about a difficult piece of feedback you delivered honestly.",
         "our head chef was plating at his own pace on saturdays and tables were waiting forty minutes for mains so i sat "
         "down with him on a monday morning before service {0} with the ticket times printed out and i said the pass is "
         "the problem and it's you and {1} and then he agreed to call tables in order and our saturday wait for mains came "
         "down to about eighteen minutes", ("just the two of us", "he didn't like it")),
        # ... and scope refused to keep a date, with something smaller offered instead
        ("frugality", "Tell me about a time you said no to scope to protect the timeline.",
         "halfway through the build the clinic chain's ops head asked for a waiting list feature as well and it would have "
         "pushed us past their spring campaign so i went to her myself and {0} and i offered a {1} instead a simple "
         "cancellations email which we built in two days and the chain took eleven thousand online bookings in the first month",
         ("said no not for launch", "stopgap")),
        # fresh75 (thirteenth round, blind): a stand held under pressure, in a nurse's plain words
        ("have-backbone-disagree-and-commit", "Tell me about a time you held your position under pressure.",
         "the product lead wanted to raise the threshold where the app alerts the nurse and i thought that was dangerous so "
         "i pulled six months of readings and showed that we would have missed nine patients and i {0} so i {1} to the "
         "chief medical officer with my doc and the threshold stayed where it was",
         ("couldn't accept that", "went over his head")),
    ],
)
def test_a_principles_beat_said_in_plain_words_speaks_to_it(lp, question, story, beats):
    said = story.format(*beats)
    assert status(said, "lp_framing", lp=lp, question=question) == "pass", grade(said, lp=lp, question=question).checks["lp_framing"].message
    # ... and the same story without those words does not speak to it
    plain = story.format(*(["something"] * len(beats)))
    assert status(plain, "lp_framing", lp=lp, question=question) != "pass"


def test_an_idea_run_every_term_since_is_told_big():
    # fresh66's students' union fair (tenth round, blind): how long it runs, said as the term it recurs in
    q = "Tell me about a strategic bet you proposed."
    story = ("in my second year i was the events officer at the students union and my big idea was a jobs and volunteering "
             "fair every term instead of the one freshers fair so i proposed it and i rang round every local employer myself "
             "and i ran the first one which had sixty stalls and about fourteen hundred students ")
    assert status(story + "and the careers service has funded it every term since", "lp_framing", lp="think-big", question=q) == "pass"
    assert status(story + "and the careers service funded it", "lp_framing", lp="think-big", question=q) == "warn"


def test_a_finding_said_of_the_candidates_own_check_is_not_found_by_others():
    # fresh67's telecom (tenth round, blind): "... I compare the neighbour lists ... it found a problem again last year"
    q = "Tell me about a time the dashboard said everything was fine and you dug in anyway."
    story = ("The dashboard was green but complaints from one town kept coming, so I pulled the cell data myself, split the "
             "dropped calls by site and then by neighbour list, and I traced them to a vendor upgrade that had wiped the "
             "neighbour lists on six sites. I rebuilt the lists and complaints from that town fell from forty a week to three. "
             "Since then, after every vendor upgrade, I compare the neighbour lists before and after. ")
    assert status(story + "It takes me one hour, and it found a problem again last year.", "lp_framing", lp="dive-deep", question=q) == "pass"
    # ... while the vendor finding the cause is still depth dug by others
    theirs = story.replace("and I traced them to a vendor upgrade that had wiped", "and the vendor found an upgrade had wiped")
    assert "found by others" in grade(theirs, lp="dive-deep", question=q).checks["lp_framing"].message


def test_going_past_the_routine_for_a_patient_is_customer_obsession():
    # fresh66's stroke ward (tenth round, blind): no word "patient" in it, but whom it was for and what went past the routine
    q = "Tell me about a time you went above and beyond for a customer."
    story = ("on the stroke ward we had a gentleman who was down as refusing meals so i sat with him through a whole lunch {0} "
             "dropping the tray and i noticed he only ate the right half of the plate so i turned his tray round and i wrote it "
             "into his {1} and i rang {2} after the weekend with his weight and he put on nearly two kilos in two weeks")
    said = story.format("instead of just", "care plan", "his daughter")
    assert status(said, "lp_framing", lp="customer-obsession", question=q) == "pass"
    assert status(story.format("before", "notes", "the office"), "lp_framing", lp="customer-obsession", question=q) != "pass"


@pytest.mark.parametrize(
    ("result", "expected"),
    [
        # fresh66's style argument (tenth round, blind): string quotes are code, not a firm's price quotes
        ("The team went with his eighty characters and single quotes, and style comments in code review dropped from thirty "
         "a pull request to three.", "fail"),
        # fresh22's feature store (dev): a model's store and its score are the system
        ("Within a year all five teams were using the store, and our next credit model's auc went from 0.71 to 0.78.", "fail"),
        # fresh66's council (tenth round, blind): the residents' wait on the phone line is theirs
        ("By eleven the wait was back to four minutes.", "pass"),
        # fresh45's rough sleepers and fresh26's recalled products (dev): whom the work served, and the regulator
        ("The average time to an offer of accommodation fell from ninety four days to thirty eight and the rough sleeping "
         "count fell by forty one percent.", "pass"),
        ("We blocked about two thousand four hundred listings of recalled products and trading standards closed the case "
         "with no further action.", "pass"),
    ],
)
def test_whose_result_it_is_read_in_the_trades_words(result, expected):
    story = ("I saw the problem in the spring and nobody had picked it up, so I pulled three months of records myself, "
             "I wrote a one-page proposal and I rebuilt the process over two weeks. ")
    c = grade(story + result, lp="ownership").checks["business_impact"]
    assert c.status == expected, c.message


def test_an_outcome_word_inside_what_the_candidate_did_not_think_is_no_result():
    # fresh66's QA intern (tenth round, blind): "I didn't think green meant much if the tests weren't looking at the new
    # code": what was not thought opens no result, so the engineering-only result is read as the result
    text = ("My lead asked me to run the regression suite and sign it off, and it was green. But the new standing-orders screen "
            "was at forty-one percent coverage. I didn't think green meant much if the tests weren't looking at the new code, "
            "so I put in my report that I couldn't recommend sign-off yet. Then, rather than leave it as a complaint, I wrote "
            "the missing tests myself, thirty-eight of them. Coverage on that screen went from forty-one percent to eighty-six.")
    assert status(text, "business_impact", lp="insist-on-the-highest-standards") == "fail"


def test_the_mentor_stepping_back_ends_the_story_and_does_not_continue_its_action():
    # fresh67's dock (tenth round, blind): "after some weeks she was running the dock alone ... so i stopped shadowing her
    # and i went back to my own area": the result, then the teller stepping back, not three more steps
    q = "Tell me about a time you helped a colleague grow."
    story = ("the new shift lead on inbound was very nervous on the radio and the dock was getting backed up so i started to "
             "stand with her at the start of each shift and we planned together which door which truck and during the shift i "
             "let her do the radio herself and after the shift i told her what was good and what was not good and after some "
             "weeks she was running the dock alone and the trucks were not waiting anymore so i stopped shadowing her and i went ")
    c = grade(story + "back to my own area", lp="hire-and-develop-the-best", question=q).checks
    assert c["star"].status == "pass", c["star"].message
    # ... while three more steps of the candidate's after it make it a finding on the way
    c = grade(story + "to the manager and i wrote a guide and i trained the other leads", lp="hire-and-develop-the-best", question=q).checks
    assert c["star"].status == "fail"


def test_other_teams_switching_what_they_do_is_the_result():
    # fresh67's seller health score (tenth round, blind): "Support switched its outreach from complaint-driven to score-driven"
    q = "Tell me about a time you changed the direction of work beyond your own team."
    story = ("Every team had its own idea of a struggling seller, so on my own I built a single seller health score from two years "
             "of data on sellers who'd left and sellers who'd stayed. I presented it at the monthly product review, I sat with "
             "the support, ads and payments leads one by one, and I built the daily feed myself. ")
    c = grade(story + "Support switched its outreach from complaints to the score.", lp="think-big", question=q).checks
    assert c["star"].status == "pass", c["star"].message
    assert grade(story, lp="think-big", question=q).checks["star"].status == "fail"


def test_the_result_starts_at_the_first_outcome_not_found_on_the_way():
    # fresh68's translator (eleventh round, blind): "the subject is often dropped" is what she learned on the way; the
    # result is what her client did after her last step, and it is the client's
    q = "Tell me about a time you learned a new skill or technology to solve a problem."
    text = ("One of my biggest clients, a translation agency, moved its technical work to machine translation. I did an online "
            "course in post-editing over three months, and I read how the engines fail: in Japanese the subject is often "
            "dropped, in German the verb comes at the end. I built myself a checklist of the error types, I tested it on my "
            "own old translations, and I offered the agency post-editing at an hourly rate as a trial, instead of quoting per "
            "word. They kept me on their technical work, and now they ring me for the difficult files.")
    c = grade(text, lp="learn-and-be-curious", question=q).checks["business_impact"]
    assert c.status == "pass" and "quot" not in " ".join(c.evidence), (c.message, c.evidence)


def test_bias_for_action_tells_its_information_gap_and_risk_before_the_act_and_that_is_no_overlong_setup():
    # guide: "I want a real time pressure or information gap, a calculated risk taken"; the thirteenth round's airline
    # stories (fresh73, blind) and 7 dev answers before them told the gap and the risk first, labelled star pass
    story = ("I was the night duty manager at a regional parcel hub. At two in the morning the sorter's main belt motor "
             "started overheating, and the engineer on call was an hour and a half away. The control panel showed the "
             "temperature climbing but not why, and the manufacturer's helpline didn't open until eight. We had forty trailers"
             " due out by five for next day deliveries, and if the belt failed outright the whole sort would stop and every "
             "trailer would leave late. Running the belt at half speed was something we had never done at night, but it could "
             "be switched back in a minute from the panel. Waiting meant risking the motor and the whole sort. So I cut the "
             "belt to half speed, I put two extra loaders on the slowest chutes, and I rang the engineer to tell him what I'd "
             "done. The motor cooled within twenty minutes, thirty eight of the forty trailers left on time, and the other two"
             " were out by half past five. Since then I keep a list of the settings on the sorter that can be undone in a "
             "minute, so I know what I can try without waiting.")
    assert status(story, "star", lp="bias-for-action", question="Tell me about a time you took a calculated risk.") == "pass"
    # ... while the same long opening told to another principle is still setup
    assert status(story, "star", lp="deliver-results") == "warn"


def test_a_number_in_the_work_before_a_step_still_to_come_is_not_the_result():
    # fresh30's hospital wi-fi (blind): "including about forty that needed new cabling" is how many access points the
    # candidate moved, with a step still to come, after a finding ("it turned out ...") that is not the result either;
    # the outcome told after them ("weren't walking out ... any more") has no number
    work = ("I looked after the network at a big teaching hospital. The porters kept telling us their handheld scanners dropped "
            "out in the side rooms, and every time it came to IT we said it was a building problem, and the estates team said "
            "it was ours. So I decided it was mine. I borrowed a survey kit, walked all thirty wards over six weeks and mapped "
            "every dead spot against the floor plans. It turned out to be a mix of fire doors with wired glass and access "
            "points that had been moved in a refit. I wrote the findings up ward by ward, agreed a plan with the estates "
            "manager and moved the access points myself over the following months, including about forty that needed new "
            "cabling. I also set up a monthly walk round of the worst wards so it wouldn't drift back. ")
    c = grade(work + "By the end the porters weren't walking out to the car park to get a signal any more, and the drug round "
              "scanners worked in every bay.", lp="ownership").checks["quantified_result"]
    assert c.status == "warn", (c.message, c.evidence)
    # ... and the outcome's own number, said in its subject, is the result
    c = grade(work + "By the end all thirty wards were back online, and the drug round scanners worked in every bay.",
              lp="ownership").checks["quantified_result"]
    assert c.status == "pass" and "forty" not in c.evidence and "thirty" in c.evidence, (c.message, c.evidence)


def test_a_habit_dated_by_the_month_or_opened_by_now_is_the_change():
    # fresh67 (tenth round, blind): "every September I build the peak plan ..." after a story in the historic present;
    # "Now in every quarterly review my first question is ..."
    story = ("Ten days before Black Friday the station next to us closes, and they give us their postcodes. So I go to my "
             "manager and I tell him we can do it. That night I redesign the waves, I call the other station's lead, I put four "
             "hundred gate codes in the route notes myself and I do a dry run on the Sunday. Black Friday week we deliver "
             "ninety-seven point eight percent on time. ")
    c = grade(story + "What I changed after: every September I build the peak plan with one extra zone in it. Last year we "
              "needed it again.", lp="deliver-results").checks
    assert c["reflection"].status == "pass", c["reflection"].message
    told = ("In the quarterly reviews I kept hearing about surprise bills, so I went back through my notes for all twenty-two "
            "accounts, I wrote every case down and I took it to the billing product manager. Surprise-bill credit requests "
            "went down about seventy percent. ")
    assert status(told + "Now in every quarterly review my first question is what surprised you on your last bill.",
                  "reflection", lp="customer-obsession") == "pass"
    assert status(told + "In that quarterly review my first question was what surprised you on your last bill.",
                  "reflection", lp="customer-obsession") != "pass"


@pytest.mark.parametrize(
    ("opening", "closing"),
    [
        # fresh68's farm software (eleventh round, blind): announced as the result, then the story
        ("Result first: we stopped about 1,900 farms getting wrong spray alerts, and support tickets about them went from "
         "around 60 a week to 3. ", ""),
        # fresh66's passport office (tenth round, blind): the result, then named as where it ended up
        ("By the end of that month support tickets about the alerts went from around 60 a week to 3. That's where this "
         "ended up. ", ""),
    ],
)
def test_a_result_announced_first_is_the_result(opening, closing):
    story = ("I was a data engineer at a farm software company and growers said the spray alerts were wrong. I pulled 200 of "
             "the complaints, I matched each alert against the raw forecast, and the forecasts were right, so I went a layer "
             "down. I read the provider's client library, I found it parsed time stamps as local time whenever the offset was "
             "missing, and I checked which farms stored an offset. I wrote a fix that forced UTC on parsing, I added a test "
             "with the exact payload, and I sent the provider a bug report with a reproduction. ")
    c = grade(opening + story + closing, lp="dive-deep").checks
    assert c["star"].status == "pass" and c["quantified_result"].status == "pass", (c["star"].message, c["quantified_result"].message)
    assert grade(story, lp="dive-deep").checks["star"].status == "fail"


def test_what_the_candidate_had_the_person_grown_do_is_coaching_not_handing_off():
    # fresh66's passport office (tenth round, blind): "I made her talk me through each case ... I also got her to write
    # down every case that stumped her" is the mentoring itself
    q = "Tell me about a time you mentored someone through a hard problem."
    text = ("Aisha joined as a new examiner and she was drowning. For two weeks I sat with her every morning, I made her talk "
            "me through each case out loud, and I also got her to write down every case that stumped her. By the end of the "
            "month she was clearing eleven cases a day, up from three.")
    assert status(text, "star", lp="hire-and-develop-the-best", question=q) == "pass"
    # ... while the same hand-offs to other people in a story of one's own work are still handed off
    other = ("Our passport backlog was growing. I made the new examiner work through the child cases, and I also got the "
             "supervisor to write down every case that stumped us. By the end of the month the team was clearing eleven cases "
             "a day, up from three.")
    assert status(other, "star", lp="deliver-results") == "warn"


def test_a_wrong_call_named_as_the_candidates_own_is_owned():
    # fresh68's train driver (eleventh round, blind): "The wrong call I think about most ... I judged the railhead was fine
    # ... the warning was there and I'd discounted it"
    q = "Tell me about a time you made the wrong call and how you found out."
    story = ("about four years into driving there'd been a low adhesion warning for our section {0} because it was dry where "
             "i was and i braked at my normal point and overran the platform by two carriages so forty passengers had to walk "
             "through the train and we left fourteen minutes late and i reported it myself straight away and every autumn "
             "since i brake at the defensive point on any section with a warning and there have been no overruns since")
    owned = story.format("and i'd discounted it")
    c = grade(owned, lp="are-right-a-lot", question=q, tags=("failure",)).checks
    assert c["real_failure"].status == "pass", c["real_failure"].message
    assert grade(story.format("and it was ignored"), lp="are-right-a-lot", question=q, tags=("failure",)).checks["real_failure"].status == "fail"


def test_a_calculated_risk_and_a_crossing_kept_in_a_deckhands_words():
    # fresh68's car ferry (eleventh round, blind): the downside no worse than standing still, the alternative given up
    q = "Tell me about a time you took a calculated risk."
    story = ("i'm a deckhand on a car ferry and one morning the ramp wouldn't lower at the island end and the engineer was an "
             "hour away so i told the mate i could pump it down by hand and that {0} we'd just be {1} stuck and i pumped it down "
             "myself in about twenty minutes and we loaded sixty two cars and {2}")
    c = grade(story.format("if it jammed", "where we were already", "sailed eight minutes late instead of cancelling the crossing"),
              lp="bias-for-action", question=q).checks
    assert c["lp_framing"].status == "pass" and c["business_impact"].status == "pass", (c["lp_framing"].message, c["business_impact"].message)
    c = grade(story.format("then", "as", "went home"), lp="bias-for-action", question=q).checks
    assert c["lp_framing"].status != "pass" and c["business_impact"].status != "pass"


def test_feedback_told_straight_and_a_manager_named_by_her_site():
    # fresh68's visual merchandiser (eleventh round, blind): "the store manager at our biggest site asked me to um have a
    # word with ... i told her straight ... then i asked her what her regulars actually wanted"
    q = "Tell me about a difficult piece of feedback you delivered honestly."
    text = ("i look after the windows for six stores and the store manager at our biggest site asked me to um have a word with "
            "a senior sales advisor who'd been redoing my floor sets so i sat down with her before opening and i told her "
            "straight that the rework was undoing two days of my work and i showed her the numbers and then i asked her what "
            "her regulars actually wanted and new season sell through in that store went from thirty percent to fifty five")
    c = grade(text, lp="earn-trust", question=q).checks
    assert c["lp_framing"].status == "pass", c["lp_framing"].message
    assert c["self_driven"].status == "warn", c["self_driven"].message


def test_a_change_announced_then_told_in_the_present_is_the_habit():
    # fresh68's night manager (eleventh round, blind): "What I changed afterwards: there's a printed sheet at the night
    # desk ... and I walk every new night auditor through it in their first week"
    story = ("One night a guest came down in tears because the airline had lost her bag with her insulin in it. I rang 111 with "
             "her, I sat with her while the doctor issued a prescription, and I drove her to the late pharmacy myself. She made "
             "her flight, and she has booked with us four times since. ")
    assert status(story + "What I changed afterwards: there's a printed sheet at the night desk, and I walk every new night "
                  "auditor through it in their first week.", "reflection", lp="customer-obsession") == "pass"
    assert status(story + "Afterwards I changed the sheet at the night desk, and I walked the new night auditor through it "
                  "in her first week.", "reflection", lp="customer-obsession") != "pass"


def test_trusting_ones_instincts_more_is_a_view_of_oneself_not_a_change():
    # fresh68's wedding photographer (eleventh round, blind): "what I learned is that I work best under pressure, and I
    # trust my instincts a lot more now"
    story = ("My biggest failure was a wedding last September. The ceremony moved indoors and the room was dark, so I got out "
             "my two off-camera flashes and bounced them off the ceiling, and the couple left me a five-star review. ")
    c = grade(story + "So what I learned is that I work best under pressure, and I trust my instincts a lot more now.",
              lp="learn-and-be-curious", tags=("failure",)).checks["reflection"]
    assert c.status == "fail", c.message


def test_a_process_cut_to_fewer_calls_is_simplified():
    # fresh68's private-hire dispatch (eleventh round, blind): "three calls per airport job ... drivers just text a one two or
    # three ... from about three per airport job to under one"
    q = "Tell me about a time you simplified a complex process."
    story = ("i run the dispatch desk on nights and drivers had to ring in when they got the job and again at the meet point so "
             "the desk was taking {0} airport job and people booking were sat on hold so i set up a text code system myself "
             "where drivers {1} a one two or three and that took the calls on the desk {2} and the wait on hold went from "
             "twenty minutes to about two")
    said = story.format("three calls per", "just text", "from three per job to under one")
    assert status(said, "lp_framing", lp="invent-and-simplify", question=q) == "pass"
    plain = story.format("a lot of calls on every", "send", "down")
    assert status(plain, "lp_framing", lp="invent-and-simplify", question=q) != "pass"


def test_the_other_side_asking_for_the_candidates_evidence_first_is_the_close():
    # fresh68's football physio (eleventh round, blind): "The manager asks for my GPS sheet every Thursday now, before he
    # picks the team"
    story = ("The manager wanted our centre-back to start eighteen days after a hamstring strain and I said no: his sprint "
             "numbers were thirty percent below his baseline. He pushed back and pointed out the strength test was a single "
             "reading, so I re-tested and conceded he could be on the bench. It was his call, so I committed to making it safe: "
             "I built a bench warm-up for him and I stood on the touchline with a stopwatch. He played eighteen minutes and "
             "started the last three games without breaking down. ")
    closed = story + "The manager asks for my GPS sheet every Thursday now, before he picks the team."
    assert status(closed, "backbone", lp="have-backbone-disagree-and-commit") == "pass"
    assert status(story, "backbone", lp="have-backbone-disagree-and-commit") == "warn"
    # fresh74's account executive (thirteenth round, blind): "My manager started bringing me into her renewal calls"
    closed = story + "The manager started bringing me into his team selection meetings after that."
    assert status(closed, "backbone", lp="have-backbone-disagree-and-commit") == "pass"


def test_a_manager_asking_a_question_is_not_asking_for_the_work():
    # fresh72's senior manager (thirteenth round, blind): "My director asked me if I was sure" when he turned a hire down
    story = ("One of my teams had been without a manager for four months and everybody liked the internal candidate, but he had "
             "never had a hard performance conversation, so I said no, which was not popular. {0} I rewrote the loop for that "
             "role with a people management exercise, I ran that part myself for every candidate, and the woman we hired "
             "turned the team round: on-time delivery went from about half their commitments to 9 out of 10.")
    assert status(story.format("My director asked me if I was sure."), "self_driven", lp="hire-and-develop-the-best") == "pass"
    # ... while asking for the work is the manager's ask
    assert status(story.format("My director asked me if I could run the new loop myself."), "self_driven",
                  lp="hire-and-develop-the-best") != "pass"


def test_a_head_of_a_trade_asking_is_a_managers_ask():
    # fresh68's housekeeping supervisor (eleventh round, blind): "the head housekeeper asked me to have a word with a room
    # attendant", done and reported back
    text = ("so the head housekeeper asked me to have a word with a room attendant because guests kept leaving comments about "
            "her bathrooms so i went up with her to a room she'd just finished and i showed her what the inspection sheet looks "
            "for and her rooms stopped coming up in the guest comments so i told the head housekeeper it was sorted")
    assert status(text, "self_driven", lp="hire-and-develop-the-best") == "warn"


def test_a_maxim_kept_in_mind_is_no_change_whatever_habit_words_come_with_it():
    # fresh68's hotel data team (eleventh round, blind): "These days I always remind myself that trust is earned in drops
    # and lost in buckets, and that's the mindset I take into every new team"
    story = ("The revenue managers didn't trust our forecasts, so I sat with them for a week, I built their events calendar into "
             "the forecast, and every Monday I sent them a comparison with their spreadsheet. By the end of the quarter 26 of "
             "the 30 hotels were pricing off it. ")
    maxim = story + "These days I always remind myself that trust is earned in drops and lost in buckets."
    assert status(maxim, "reflection", lp="earn-trust") == "fail"
    habit = story + "These days I always send a new team a comparison with their own numbers before I ask them to use mine."
    assert status(habit, "reflection", lp="earn-trust") == "pass"


def test_trying_to_remember_a_maxim_is_a_generic_lesson():
    # fresh69's HR business partner (eleventh round, blind): "honesty is always the kindest option in the end and i always try
    # to remember that people can handle the truth if you give it to them with respect"
    story = ("three of the regional director's managers came to me about how he spoke to people so i asked him for an hour one "
             "to one and i told him straight what they had said and i brought the exit interview notes and i sat in on his "
             "reviews for a month and his team's engagement went from fifty one percent to sixty eight ")
    maxim = story + "and i always try to remember that people can handle the truth if you give it to them with respect"
    assert status(maxim, "reflection", lp="earn-trust") == "fail"
    # fresh77's hotel manager (fifteenth round's reading, blind): the same maxim kept, said in the perfect after "since then"
    kept = story + ". Since then I've always tried to remember that, that there's a person behind every booking."
    assert status(kept, "reflection", lp="earn-trust") == "fail"
    done = story + ". Since then I've always sent the director a summary of the exit interviews every quarter."
    assert status(done, "reflection", lp="earn-trust") == "pass"


def test_a_change_announced_is_said_by_its_own_sentence_whoever_its_subject():
    # fresh72's principal engineer (thirteenth round, blind): "The thing I changed, and still do, is that any change to how
    # we count anything gets replayed against a full day of production traffic ... before it goes out"
    story = ("I shipped a change to how we matched delivery addresses and I'd only tested it on clean data, so for two days "
             "about three hundred parcels went to the wrong depot. That was on me. I rolled it back myself that night, I "
             "rerouted the parcels with the depot leads, and I rang the two biggest customers to explain. Every parcel was "
             "delivered within three days. ")
    changed = story + ("The thing I changed, and still do, is that any change to how we match addresses gets replayed "
                       "against a full day of real orders before it goes out.")
    assert status(changed, "reflection", lp="ownership") == "pass"
    assert status(story + "The thing I changed was the matching rule itself.", "reflection", lp="ownership") != "pass"


def test_what_i_do_differently_now_opens_the_change():
    # fresh74's payments engineer (thirteenth round, blind): "What I do differently now when I mentor is keep quiet for
    # the first two weeks and only answer questions" (the parser reads "mentor" as a noun and finds no habit verb)
    story = ("We'd hired a new grad, Dani, who was about to join the on-call rotation. For her first two weeks I shadowed her "
             "shifts but let her drive, and when a page came in I asked her what she thought was happening before I said "
             "anything. By her second month she'd handled 11 incidents without escalating, and pages escalated to me went "
             "from around 9 a month to 1. ")
    said = story + "What I do differently now when I mentor is keep quiet for the first two weeks and only answer questions."
    assert status(said, "reflection", lp="hire-and-develop-the-best") == "pass"


def test_an_attitude_said_as_a_habit_is_a_generic_lesson():
    # fresh73's station manager (thirteenth round, blind): "what i took from it is i always try to put myself in the
    # passenger's shoes" -- habit words, no practice behind them
    story = ("I was a station manager for six stations on a commuter line. Passengers who had booked assistance kept ringing the "
             "help points to ask if anyone was coming, because the booking system never told my staff who was confirmed. I "
             "pulled a month of help point logs myself and counted the calls, I wrote a one-page check sheet for the start of "
             "every shift, and I took the numbers to the booking system supplier, who added a confirmation text the night "
             "before. Help point calls about assistance went down by about seventy percent. ")
    assert status(story + "What I took from it is I always try to put myself in the passenger's shoes.", "reflection",
                  lp="customer-obsession") == "fail"
    assert status(story + "Now I ring one assisted passenger a week myself and ask how the journey went.", "reflection",
                  lp="customer-obsession") == "pass"


def test_an_owner_who_only_had_to_bring_the_animal_in_twice_is_whom_the_work_served():
    # fresh73's vet (thirteenth round, blind): "Mr Hughes only had to bring her in four times in that whole period"
    text = ("I'm a vet at a small practice in a market town. One of our patients was an old cat, Pepper, with kidney disease, "
            "and her owner, Mrs Doyle, was ninety and couldn't get her in for the fluids she needed twice a week. She was close "
            "to giving up on her. So I went round to her flat in my lunch hour and taught her to give the fluids at home, and I "
            "set up a weekly phone check so I could adjust the dose without a visit. I rang her every few days for the first "
            "month. Pepper was stable within three weeks, and Mrs Doyle only had to bring her in twice that whole year. Now I "
            "offer home fluids to every owner who struggles to get in.")
    c = grade(text, lp="customer-obsession", question="Tell me about a time you went above and beyond for a customer.").checks
    assert c["business_impact"].status == "pass", c["business_impact"].message


def test_once_that_was_decided_opens_the_commit():
    # fresh69's senior counsel (eleventh round, blind): "she decided to settle. Once that was decided, I ran the settlement"
    story = ("The general counsel wanted to settle the group claim early and I opposed it: I'd read every lead file, and I "
             "wrote a twelve-page note with the case law and argued at the litigation committee that we should defend. She "
             "listened, and she decided to settle. {0}I negotiated the terms with the claimants' solicitors myself, got the "
             "costs down by about four hundred thousand pounds, and built the payment process so every borrower was paid "
             "within eight weeks. Afterwards she asked me to lead our review of the settlement calculator.")
    c = grade(story.format("Once that was decided, I ran the settlement. "), lp="have-backbone-disagree-and-commit").checks["backbone"]
    assert "no commit" not in c.message, c.message
    c = grade(story.format(""), lp="have-backbone-disagree-and-commit").checks["backbone"]
    assert "no commit" in c.message, c.message


def test_a_position_held_without_the_word_disagree_is_a_disagreement():
    # fresh71's credit model (twelfth round, blind): "i was the one saying not yet ... i didn't budge on any of it"
    story = ("our head of product wanted to ship a new underwriting model to every applicant before black friday and {0} "
             "because i had run the backtest myself on eighteen months of loans and thin file default rates were almost double "
             "and i showed that slide in three meetings and {1} in the end the vp decided to ship to everyone except thin file "
             "applicants and i committed i built the routing rule myself and after ninety days approvals were up eleven percent "
             "and the head of product asked me to run the next model review")
    c = grade(story.format("i was the one saying not yet", "i didn't budge"), lp="have-backbone-disagree-and-commit").checks["backbone"]
    assert "no disagreement" not in c.message, c.message
    c = grade(story.format("i was in the room", "i showed it"), lp="have-backbone-disagree-and-commit").checks["backbone"]
    assert "no disagreement" in c.message, c.message


def test_a_first_time_for_real_is_a_calculated_risk():
    # fresh68's deckhand (eleventh round, blind), the wording as a candidate says it: "i'd been trained on the manual pump
    # but never done it for real" -- each wording its own phrase, not one alternation with a space in it
    q = "Tell me about a time you took a calculated risk."
    story = ("the ramp wouldn't lower and the engineer was an hour away and i'd been trained on the manual pump but {0} so i "
             "told the mate i would pump it down myself and i did it in twenty minutes and we sailed on time")
    assert status(story.format("never done it for real"), "lp_framing", lp="bias-for-action", question=q) == "pass"
    assert status(story.format("i knew it well"), "lp_framing", lp="bias-for-action", question=q) != "pass"


def test_the_odds_against_what_waiting_would_lose_are_a_calculated_risk():
    # fresh77's fruit cooperative (fifteenth round's reading, blind): "risk" is never said; the forecast's odds and the
    # crop lost by waiting are the risk weighed
    q = "Tell me about a time you took a calculated risk."
    story = ("in june {0} and we had the main crop about four days off being ripe and picking early means smaller berries so "
             "i made the call to start picking on the tuesday i pulled pickers off the later fields and ran two shifts and "
             "our members got paid on about seventy percent of their crop")
    told = "the forecast came in for a hailstorm on the thursday maybe a sixty percent chance and if hail hits you lose the lot"
    assert status(story.format(told), "lp_framing", lp="bias-for-action", question=q) == "pass"
    assert status(story.format("the growers wanted an early crop"), "lp_framing", lp="bias-for-action", question=q) != "pass"


@pytest.mark.parametrize(
    "result",
    [
        # the twelfth round (fresh70, blind): a factory's line kept running, a site's people kept safe, a counter's wait
        "The line was running again before the end of the shift, and the line kept running for the rest of the week.",
        "The props were fixed and checked that afternoon, and the site manager didn't speak to me for the rest of the job, "
        "but nobody got hurt.",
        "The average wait at the counter went from about forty minutes to twenty five.",
        # fresh76's radiology manager (fourteenth round, blind): a hospital's patients in their wait and the scans done
        "Within about six months the routine wait was down to six weeks, from fourteen, and we were doing about one "
        "thousand nine hundred more scans a year on the same machine.",
        # fresh78's club-night tickets and students' union cafe (blind): a queue of people, not of messages
        "Failed scans went to 0.2% the next weekend, and the door queue at the biggest venue dropped from about 25 minutes to "
        "under 10 at opening.",
        "After that the queue actually moved; people stopped giving up and walking out before their lecture.",
        # fresh79's yoghurt factory and hospital boilers (blind): the shops a factory supplies, the theatres' lists
        "Stops went from around twelve a shift to under one, and that line now makes about 6,000 more cups a day for the "
        "supermarkets.",
        "No tube failed, sterilising never stopped and the theatres kept all their lists.",
        # fifteenth round's readings of fresh77 (blind): a device maker's distributors and its faults in the field, a
        # permit office's homeowners
        "We shipped with no field issues on about thirty thousand pumps, and the distributors were annoyed for about a week.",
        "Turnaround went from nineteen days to four, so homeowners weren't taking a morning off work to pick up a form.",
        # fresh82's broadcaster's archive and learning platform (blind): income from licensing, and the authors who use a tool
        "Footage licensing income has gone from around three hundred thousand a year to one point four million.",
        "The app launched on time for the spring term and about two hundred course authors moved onto it in the first month.",
    ],
)
def test_a_line_running_a_site_kept_safe_and_a_counters_wait_are_whom_the_work_served(result):
    story = ("I saw the problem on my first week and nobody had picked it up, so I traced it myself, I rewrote the check and I "
             "walked the night team through it. ")
    c = grade(story + result, lp="ownership").checks["business_impact"]
    assert c.status == "pass", c.message


def test_the_result_after_the_recovery_is_no_cost_of_the_mistake():
    # fresh68's swimming coach (eleventh round, blind): "that season she took 2.3 seconds off her 100 ... What I changed is
    # that every swimmer now signs off their own season plan" -- the closing habit's steps are not the story's, so the
    # number after the candidate's recovery is its result, not what the mistake cost
    q = "Tell me about a time you admitted you were wrong."
    story = ("Two seasons ago I was convinced one of my swimmers needed to switch from breaststroke, and I overruled her. "
             "{0}Going back through the gala video I realised I'd been wrong: her times had flattened because of how I'd "
             "programmed her kick sets. I sat down with her and her mum and said plainly that I got it wrong, and I rewrote "
             "her block with her. That season she took 2.3 seconds off her 100. What I changed is that every swimmer now "
             "signs off their own season plan with me before it starts.")
    c = grade(story.format(""), lp="earn-trust", question=q, tags=("failure",)).checks["real_failure"]
    assert c.status == "warn" and "cost" in c.message, c.message
    cost = "She lost six weeks of training and missed the county gala. "
    assert status(story.format(cost), "real_failure", lp="earn-trust", question=q, tags=("failure",)) == "pass"


def test_not_a_single_order_lost_opens_the_result_in_business_terms():
    # fresh83's checkout engineer (fifteenth round, blind): the fallback carried the day, told as what was not lost and
    # the takings, no outcome verb before them (guide: "Quantify the Result ... customer or business framing")
    text = ("I was a backend engineer on the checkout team at an online marketplace, and our principal engineer decided we'd "
            "move the order service off our Postgres cluster onto a new event-sourced store his team had built. I ran a "
            "load test on a replay of the previous Black Friday's traffic, and the store fell over at about 60% of that "
            "peak. I wrote it up, two pages, graphs, and I took it to him. He said the migration was going ahead in "
            "October. I went to my director, and when she didn't overrule him, I kept a feature flag in the order service "
            "that could write to Postgres in parallel, so I could switch back if it went wrong. On Black Friday the new "
            "store did have a problem, around eleven in the morning writes started lagging, so I flipped my flag and "
            "orders carried on through Postgres. {0}, and we took about 1.9 million that day. What I do now is I attach "
            "a load test run on real peak traffic to any design disagreement I'm in.")
    q = "Tell me about a time you disagreed with a more senior engineer on a technical decision."
    kept = grade(text.format("We didn't lose a single order"), lp="have-backbone-disagree-and-commit", question=q).checks
    assert kept["business_impact"].status == "pass", kept["business_impact"]


def test_the_candidates_own_step_before_the_outcome_is_no_engineering_metric_of_it():
    # fresh83's dashboard (fifteenth round, blind): "i added some caching" is what the candidate did just before the
    # outcome; the outcome itself is the tool's take-up by the people it was built for
    story = ("last year i was a data engineer at a logistics company and i built a self serve dashboard for the regional "
             "managers on our warehouse data we planned for fifty users and within two weeks there were four hundred and "
             "the queries started timing out so i worked with the warehouse team to get the cluster bumped up and {0} "
             "and after that it was fine and {1} it's now used by something like six hundred people every week and "
             "they've retired three old reports because of it and now i load test every dashboard at ten times its "
             "planned users before it goes out")
    q = "Tell me about a recent failure and what you learned from it."
    used = grade(story.format("i added some caching", "usage just kept growing"), lp="learn-and-be-curious", question=q).checks
    assert used["business_impact"].status == "pass", used["business_impact"]
    # ... but a system's metric said as the outcome is still engineering only
    faster = grade(story.format("i added some caching", "the cache hit rate kept growing").replace(
        "it's now used by something like six hundred people every week and they've retired three old reports because of it",
        "the p95 latency is now down to two hundred milliseconds"), lp="learn-and-be-curious", question=q).checks
    assert faster["business_impact"].status == "fail", faster["business_impact"]


def test_a_museums_curators_and_its_exhibition_are_whom_the_work_served():
    # fresh83's collections officer (fifteenth round, blind): the curators search the collection; the exhibition is
    # what the museum puts on (the labelling rules: "any customer or user class's outcome")
    text = ("so i worked at a maritime museum as collections officer and we had around twelve thousand objects in an old "
            "database that nobody could search the curators were asking me every day where is this so i learned python "
            "in the evenings and wrote small scripts to clean the records i checked a sample of two hundred by hand "
            "against the shelves then i loaded everything into the new collections system search that used to take the "
            "curators maybe half an hour now takes seconds and for the centenary exhibition they found three hundred and "
            "forty objects we did not know we had so now every time i do something by hand more than twice i write a "
            "script for it")
    checks = grade(text, lp="learn-and-be-curious", question="Tell me about a time you learned a new skill or technology to solve a problem.").checks
    assert checks["business_impact"].status == "pass", checks["business_impact"]


def test_a_wards_falls_and_fractures_are_its_patients_outcome():
    # fresh42's ward sister (dev): the falls going down and no fractures are the patients' result, whatever else the
    # story's numbers say (the labelling rules: "patients ... are customers too")
    text = ("I was the ward sister on an elderly care ward and our falls rate looked fine against the benchmark, but I pulled "
            "every fall from the last six months myself. Most happened at night, and in most cases the call bell was out of "
            "reach on the new beds. I changed the night routine and I had the call bells refitted to the bed frames. Over the "
            "next year falls went from fifty-two to nineteen, and we had no fractures at all, against two the year before. "
            "Now, whenever a figure is within benchmark, I read ten of the underlying records before I accept it.")
    checks = grade(text, lp="dive-deep", question="Tell me about a time you dug into data to find a root cause.").checks
    assert checks["business_impact"].status == "pass", checks["business_impact"]
    # fresh99's orthopaedic ward (nineteenth round, blind): the falls counted by when they happen, against the number before
    timed = text.replace("Over the next year falls went from fifty-two to nineteen, and we had no fractures at all, against "
                         "two the year before.", "Over the next quarter we had two night falls instead of six.")
    assert timed != text
    checks = grade(timed, lp="dive-deep", question="Tell me about a time you dug into data to find a root cause.").checks
    assert checks["business_impact"].status == "pass", checks["business_impact"]


def test_a_director_named_by_the_service_they_run_directs_the_story():
    # fresh83's nurse manager (fifteenth round, blind): "my director of nursing asked me to help a junior staff nurse" is
    # the manager's ask (guide red flag: "Manager-only ownership: 'my manager asked me to'")
    text = ("i'm a clinical nurse manager on a surgical ward and my director of nursing asked me to help a junior staff nurse "
            "who was really struggling with her confidence on nights so i met with her and we went through her last few "
            "nights together i showed her the sbar way of structuring a call to the doctor and i did some night shifts "
            "alongside her and let her lead the calls after that she was much more confident the doctors said her calls "
            "were clearer and she's doing really well now")
    checks = grade(text, lp="hire-and-develop-the-best", question="Tell me about a time you helped a colleague grow.").checks
    assert checks["self_driven"].status == "warn", checks["self_driven"]


def test_a_mistake_caught_in_time_names_no_cost_by_when_it_was_made_or_the_relationship_after():
    # fresh83's site engineer (fifteenth round, blind): "the new one the client issued two months before" dates the
    # survey, and "she was the first person I called" is the relationship told after the recovery -- neither is what the
    # mistake cost (guide: "name the cost honestly")
    text = ("I was site engineer on a road contract, and our surveyor told me the invert level on one of my culvert drawings "
            "was wrong. I told her in front of the foreman that her instrument must be off. That evening I went back over my "
            "calculation and I found it. I had taken the benchmark from the old survey, not the new one the client issued "
            "two months before. The next morning I went to her office and told her plainly that I was wrong and I was sorry, "
            "and at the site meeting I said the same in front of the whole crew. I corrected the levels on all the drawings "
            "before any concrete was poured, and all twelve culverts passed the client's inspection the first time. From that "
            "day she was the first person I called on any levels question. Since then, before I tell anybody their reading is "
            "wrong, I check which benchmark I am using.")
    q = "Tell me about a time you admitted you were wrong."
    checks = grade(text, lp="earn-trust", question=q, tags=["failure"]).checks
    assert checks["real_failure"].status == "warn", checks["real_failure"]
    # ... while the rework it did cause, told before the recovery, is its cost
    costly = grade(text.replace("before any concrete was poured", "after two of the culverts had been poured and had to be "
                                "broken out, which cost us nine days"), lp="earn-trust", question=q, tags=["failure"]).checks
    assert costly["real_failure"].status == "pass", costly["real_failure"]


def test_asked_to_remove_a_step_a_step_added_answers_another_question():
    # fresh87's payments team and fresh85's disputes analyst (sixteenth round, blind): asked about removing a step, one
    # adds a second check and a checklist, the other adds a triage tool and an extra check and keeps the approval
    # (guide: "answering a different question than the interviewer is asking")
    q = "Tell me about a time you removed a step or a system instead of adding one."
    added = ("I worked in payments operations at a bank, and we had a lot of errors on international payments, which meant "
             "payments bouncing back and customers complaining. I looked at the process and I decided to add a second check. "
             "I set it up so every international payment over ten thousand euros had to be checked by a second person before "
             "it was released, and I created a checklist for it and trained everyone on it. After that, returned payments went "
             "down by about forty percent. Now I pilot every control for a month before it goes out.")
    assert status(added, "lp_framing", lp="invent-and-simplify", question=q) == "fail"
    kept = ("I was an operations analyst in a bank's card disputes team. Every dispute needed a manual approval from a team "
            "leader, and disputes took eleven days on average. I built a triage tool that scored each dispute and routed it "
            "into one of three queues, with an extra automated check against the fraud model before anything was refunded. "
            "The team leader approval stayed for every dispute, but now it came from a prioritised queue. The average time to "
            "resolve a dispute went from eleven days to three. Since then, whenever a queue is slow, I look at the routing first.")
    assert status(kept, "lp_framing", lp="invent-and-simplify", question=q) == "warn"
    # ... while a step others once added, told as the setup, and the habit of asking what a new one replaces, are the point
    removed = ("Opening an account took a small business nine days and eleven steps. Everyone had added a step at some point "
               "for a good reason, and nobody had ever taken one away. I mapped every step with the people who did it and I "
               "removed five of them, and I merged the two identity checks into one. Opening now takes two days, and drop off "
               "fell from 38% to 15%. Now whenever someone wants to add a step, I ask them which step it replaces.")
    assert status(removed, "lp_framing", lp="invent-and-simplify", question=q) == "pass"


def test_the_call_handed_up_to_the_manager_is_the_managers():
    # fresh87's site engineer (sixteenth round, blind): "i rang my site manager and asked what he wanted to do and he said
    # go ahead" -- the call under uncertainty was the manager's (guide red flag: "Manager-only ownership")
    text = ("so i was a site engineer on a warehouse job and we had the main slab pour booked for a friday and the forecast was "
            "saying maybe rain in the afternoon so i rang my site manager and asked what he wanted to do and he said go ahead "
            "and start early so i did i rang the concrete supplier and got the first truck moved to six in the morning i was on "
            "site at five checking the formwork and we had the whole slab placed before the rain came so we didn't lose the "
            "pour and we kept our slot with the supplier")
    checks = grade(text, lp="bias-for-action", question="Tell me about a time you moved forward despite incomplete information.").checks
    assert checks["self_driven"].status == "warn", checks["self_driven"]


def test_money_in_a_currency_said_in_the_singular_is_business():
    # fresh87's herd manager (sixteenth round, blind): "worth about four thousand euro a month to the farm" is money,
    # whatever the currency's plural (guide: "Quantify the result ... in business terms")
    text = ("i was herd manager on a dairy farm and our milk yield was steady so the owner was happy but i noticed the butterfat "
            "had been sliding for four months so i went back through the collection dockets myself and matched them against "
            "the feed records then i took samples from the new silage pit and i checked the mixer wagon and the knives were "
            "worn so i changed the knives myself and within six weeks the butterfat was back up from three point six to four "
            "point one percent and that was worth about four thousand {0} a month to the farm what i do now is i look at the "
            "collection report every week")
    q = "Tell me about a metric you investigated when others were satisfied."
    for currency in ("euro", "rand", "dollars"):
        checks = grade(text.format(currency), lp="dive-deep", question=q).checks
        assert checks["business_impact"].status == "pass", (currency, checks["business_impact"])


def test_a_stranded_guest_who_made_her_connection_and_keeps_booking_is_the_result():
    # fresh87's night manager (sixteenth round, blind): no outcome verb, but the guest got where she was going and has
    # booked six times since
    story = ("i was the night manager at a hotel and one night a guest came down to reception really upset her flight home "
             "had been cancelled and she had a connecting flight for her father's funeral the next day i took her into the "
             "back office myself i rang the airline desk and got her rebooked on the seven fifteen then i gave her our duty "
             "manager room and i made up the bed myself i booked the taxi for four thirty and walked her out to it {0} "
             "what i changed after that is i wrote a one page sheet for the night desk of what to do when someone is stranded")
    kept = grade(story.format("she made her connection and she got to the funeral and she has booked with us six times since"),
                 lp="customer-obsession", question="Tell me about a time you went above and beyond for a customer.").checks
    assert kept["star"].status == "pass" and kept["quantified_result"].status == "pass", (kept["star"], kept["quantified_result"])


def test_a_programs_use_of_the_hosts_is_no_hospitality():
    # fresh85's backend engineer (sixteenth round, blind): "socket usage on the hosts halved" is the machines', not a
    # host's in a restaurant (guide: "engineering metrics only with no customer or business framing")
    text = ("Our order service started throwing intermittent timeouts. I added tracing around each outbound call and found that "
            "another team's client wrapper created a new connection pool on every call, so I opened a pull request on their "
            "repo with the fix. Our timeout rate went from two percent to under point zero two percent, p99 latency dropped "
            "from one point eight seconds to four hundred milliseconds, and socket usage on the hosts halved. Now I add "
            "tracing on every outbound dependency before I trust anyone's first theory.")
    checks = grade(text, lp="dive-deep", question="Tell me about a bug you root-caused that was not your code.").checks
    assert checks["business_impact"].status == "fail", checks["business_impact"]


def test_a_food_banks_boxes_and_a_farms_lambing_are_whom_and_what_the_work_served():
    # fresh87's food bank and sheep farm (sixteenth round, blind): the boxes given out are the families', the lambing and
    # the system paid for are the farm's business (the labelling rules: "any customer or user class's outcome")
    q = "Tell me about a time you took a calculated risk."
    boxes = ("i ran a food bank in a small town and a big ice storm was forecast so on the wednesday i decided to spend our "
             "whole emergency fund about four thousand dollars on extra stock without waiting for the board i drove to the "
             "wholesaler myself and loaded the van and the storm hit on the friday and we gave out three hundred and ten food "
             "boxes that weekend which was nearly double our normal")
    assert status(boxes, "business_impact", lp="bias-for-action", question=q) == "pass"
    farm = ("i manage a sheep and beef farm and six years ago i decided to put in a water system to every paddock which cost "
            "about a hundred and twenty thousand dollars i costed it myself and i did the planning of the pipe runs myself "
            "and then in the drought three years ago our lambing percentage was a hundred and thirty eight percent against "
            "about a hundred and fifteen for the district which the owners reckon paid for the whole system in that one season")
    assert status(farm, "business_impact", lp="ownership", question="Tell me about a long-term decision you made that paid off later.") == "pass"


def test_a_mistake_turned_into_the_years_highlight_is_spin():
    # fresh85's payments engineer (sixteenth round, blind): the wrong assumption "turned into one of the best things we did
    # that year ... called it out in my review as a highlight" (guide red flag: "the candidate spins the failure into a
    # triumph"), and the business it grew into is still the result's business
    text = ("At a payments start-up I built the pipeline that fed our daily merchant settlement reports, and I assumed that all "
            "the timestamps from our card processor were in UTC. Some were in the merchant's local time, and a small number of "
            "transactions near midnight landed in the wrong day's report. When a merchant flagged a mismatch, I investigated "
            "and wrote a normalisation layer. The good thing is that this turned into one of the best things we did that year, "
            "because when we expanded to three new countries the next quarter, the pipeline handled it with no changes. My "
            "manager actually called it out in my review as a highlight. So I learned that you should always question your "
            "assumptions.")
    checks = grade(text, lp="learn-and-be-curious", question="Tell me about a time a technical assumption of yours turned out to be wrong.",
                   tags=["failure"]).checks
    assert checks["real_failure"].status == "fail", checks["real_failure"]
    assert checks["business_impact"].status == "pass", checks["business_impact"]


def test_the_candidates_own_claim_to_have_been_right_is_no_concession():
    # fresh87's search tech lead (sixteenth round, blind): "I still thought I was right about the relevance, and I told him
    # so" concedes nothing (guide: "Disagree, concede what you were wrong about, then commit")
    text = ("At a travel booking start-up I was the tech lead for search, and our CTO decided we'd move to a vendor's hosted "
            "search service. I opposed it. I'd run the vendor's trial against a week of our real queries, and about one in "
            "five multi-city results ranked badly. I wrote that up and took it to him. He decided to go with the vendor "
            "anyway. {0}, but it was his decision, so I committed to it. I built the migration plan myself and wrote the "
            "adapter for our ranking rules. We moved over in six weeks and search conversion stayed flat at four point two "
            "percent. The CTO and I still work well together. What I do now is write down, before a disagreement, what "
            "result would change my mind.")
    q = "Tell me about a time you committed to a decision you initially opposed."
    mine = grade(text.format("I still thought I was right about the relevance, and I told him so"), lp="have-backbone-disagree-and-commit", question=q).checks
    assert mine["backbone"].status == "warn" and "conceded" in mine["backbone"].message, mine["backbone"]
    his = grade(text.format("He was right about the maintenance time, and I told him so"), lp="have-backbone-disagree-and-commit", question=q).checks
    assert his["backbone"].status == "pass", his["backbone"]


def test_a_wrong_assumption_tested_is_learn_and_be_curious_and_searches_per_visit_are_business():
    # fresh87's recipe website (sixteenth round, blind): the assumption held, tested and found wrong is the principle the
    # bank's question asks about, and searches per visit are what the site's visitors did
    text = ("I assumed our search was slow because of the database. I work on a recipe website, and search pages were taking "
            "about three seconds to load. I was sure it was the database, so I spent a whole day adding an index, and it "
            "barely changed anything. So I profiled the request myself and found the database was only two hundred "
            "milliseconds of it; most of the time was our own code resizing thumbnails on every request. I moved the resizing "
            "to upload time and cached the images. Search dropped to about half a second, and searches per visit went up "
            "twenty percent. Now I profile before I touch anything.")
    checks = grade(text, lp="learn-and-be-curious", question="Tell me about a time a technical assumption of yours turned out to be wrong.").checks
    assert checks["lp_framing"].status == "pass", checks["lp_framing"]
    assert checks["business_impact"].status == "pass", checks["business_impact"]


def test_a_practice_with_the_candidate_as_its_agent_is_a_change_now_made():
    # fresh85's bakery quality manager (sixteenth round, blind): "so now every new label is checked by me or my deputy
    # against the recipe" is the candidate's own check, said in the passive (guide: "a behavioural change")
    text = ("I was quality manager at an industrial bakery. Our label supplier sent the new packaging for a seeded loaf, and "
            "the production manager wanted to start the run that evening. But I checked the allergen box against the recipe "
            "myself, word by word, and sesame was missing. I rejected the whole delivery, forty thousand labels, and I made "
            "them reprint overnight. The run started the next day with the correct labels, and we avoided a recall. After that "
            "I wrote an allergen check into the label approval procedure, so now every new label is checked by {0} against "
            "the recipe before it can be released.")
    q = "Tell me about a time you pushed back on a low-quality deliverable."
    mine = grade(text.format("me or my deputy"), lp="insist-on-the-highest-standards", question=q).checks
    assert mine["reflection"].status == "pass", mine["reflection"]
    theirs = grade(text.format("the supplier"), lp="insist-on-the-highest-standards", question=q).checks
    assert theirs["reflection"].status != "pass", theirs["reflection"]


def test_the_hand_offs_taken_out_are_the_simplification():
    # fresh87's outpatients receptionist (sixteenth round, blind): "book the follow up straight into the system at the desk
    # so the patient only sees one person" is the process simplified, in her words (guide: Invent and Simplify)
    text = ("i was a receptionist in the outpatients clinic at a hospital and patients who needed a follow up had to take a "
            "paper form from the doctor to our desk then up to the booking office on the second floor and then come back down "
            "to us to get their card stamped and a lot of them went home without booking so i looked at it and i suggested we "
            "let reception book the follow up straight into the system at the desk so the patient only sees one person and "
            "i wrote a short guide for the other receptionists and showed them the booking screen and after that the number "
            "of patients who left without a follow up booked went from about twenty a week to two or three")
    assert status(text, "lp_framing", lp="invent-and-simplify", question="Tell me about a time you simplified a complex process.") == "pass"


def test_a_call_said_plainly_is_the_judgement_a_vindicated_question_asks_for():
    # fresh86's produce buyer (sixteenth round, blind): "I wanted to double our orders ... for that week" is the call,
    # said with no word for deciding (guide: Are Right a Lot)
    text = ("I was a fresh produce buyer for a supermarket chain, about sixty stores. The long-range forecast showed a heatwave "
            "coming in ten days, and I wanted to double our orders of watermelon, salad and soft fruit for that week. My category "
            "manager's instinct was to go up by twenty percent at most, because we'd been burned the summer before. I went back "
            "through three years of our sales against actual temperatures and found that above twenty-eight degrees our "
            "watermelon sales more than tripled, and I agreed contracts with two growers where I could cut the second half of "
            "the order up to four days before delivery. The heatwave came. Watermelon sales were up two hundred and forty "
            "percent on the week and waste stayed under four percent. I now build that cut-off clause into any big "
            "weather-driven order.")
    q = "Tell me about a decision where your judgement was vindicated by the outcome."
    assert status(text, "lp_framing", lp="are-right-a-lot", question=q) == "pass"


def test_a_mistake_taken_back_and_put_on_others_is_not_owned():
    # fresh86's building society analyst (sixteenth round, blind): "the vendor's data dictionary ... was just wrong ... so
    # there was really no way I could have known" (guide red flag: "never owns the mistake")
    text = ("At a building society I built the monthly arrears report for the credit risk committee. I assumed the "
            "days-past-due field counted from the payment due date. It turned out it counted from the end of the grace period, "
            "so for three months the committee saw roughly four hundred fewer accounts in arrears than there actually were. "
            "{0} When internal audit picked it up, I rebuilt the calculation from the raw payment dates and sent the corrected "
            "figures to the committee within a week. Now I always reconcile any new field against a handful of accounts I've "
            "worked out by hand.")
    q = "Tell me about a time a technical assumption of yours turned out to be wrong."
    blamed = grade(text.format("To be fair, the vendor's data dictionary was just wrong, so there was really no way I could have known."),
                   lp="learn-and-be-curious", question=q, tags=["failure"]).checks
    assert blamed["real_failure"].status == "fail", blamed["real_failure"]
    owned = grade(text.format("I should have checked it against a few accounts by hand, and I didn't."),
                  lp="learn-and-be-curious", question=q, tags=["failure"]).checks
    assert owned["real_failure"].status == "pass", owned["real_failure"]


def test_an_ask_refused_directs_nothing_and_the_refusal_is_the_stand():
    # fresh86's KYC analyst (sixteenth round, blind): "he asked me to approve it with a note on file. I refused." is the
    # pressure held against, not a manager's ask carried out (guide: Have Backbone, "a substantive stand")
    text = ("I was a KYC analyst at a private bank. We were onboarding a new client and my manager wanted it signed off by the "
            "end of the week. When I went through the file the source of wealth didn't add up: I couldn't trace the ownership "
            "of one of the three companies past a trust in another jurisdiction. I told my manager I am not comfortable to sign "
            "it off. He said I was being too cautious, and he asked me to approve it with a note on file. {0} When he kept "
            "pushing, I went over his head to the head of financial crime and sent her my notes directly, and she stopped the "
            "onboarding. The client took his business elsewhere.")
    q = "Tell me about a time you held your position under pressure."
    refused = grade(text.format("I refused."), lp="have-backbone-disagree-and-commit", question=q).checks
    assert refused["self_driven"].status == "pass", refused["self_driven"]
    assert refused["lp_framing"].status == "pass", refused["lp_framing"]
    done = grade(text.format("So I did, and I wrote the note."), lp="have-backbone-disagree-and-commit", question=q).checks
    assert done["self_driven"].status == "warn", done["self_driven"]


def test_more_people_and_money_asked_for_and_granted_is_frugalitys_opposite():
    # fresh84's festival coordinator (sixteenth round, blind): a sound safety story, but "asked for 25 more stewards ...
    # about 14,000 pounds in total. She found the money from the contingency line" is the opposite of "more with less"
    text = ("I was operations coordinator for a three-day folk festival, about 9,000 people a day. The site plan had 40 stewards "
            "and two first-aid points, and when I walked the site I could see the new camping field was nearly a kilometre "
            "from the nearest first-aid point. I wrote a short case for the festival director with the walking times and "
            "asked for 25 more stewards, a third first-aid point and two more traffic marshals, about 14,000 pounds in total. "
            "She found the money from the contingency line. I recruited the extra stewards through two local rugby clubs and "
            "briefed them myself. Over the weekend we had no crowd incidents at the gate. Now I walk every site plan myself.")
    assert status(text, "lp_framing", lp="frugality", question="Tell me about a time you delivered with limited resources.") == "fail"


def test_winning_a_teams_trust_answered_by_a_delivery_they_depended_on_answers_another_question():
    # guide, Earn Trust: "what changed in the relationship afterwards: trust rebuilt or strengthened"
    q = "Tell me about a time you had to win the trust of a team you depended on."
    delivery = ("I was a platform engineer at a bank, and the mobile team needed a new notifications API from us before they "
                "could launch card freezing. I broke the work into three pieces so they could start in week two, I wrote the "
                "API myself with a mock server, and I worked two weekends to get the load testing done. We delivered four days "
                "ahead of their code freeze, and in the first month sixty thousand customers used it. Now I ship a mock server "
                "in the first week of any API another team depends on.")
    c = grade(delivery, lp="earn-trust", question=q).checks["lp_framing"]
    assert c.status == "fail" and "no trust is won" in c.message, c
    won = delivery.replace("I broke the work", "They were wary of us after we'd missed two dates, so I told them plainly "
                           "what we could promise, and I broke the work")
    c = grade(won, lp="earn-trust", question=q).checks["lp_framing"]
    assert c.status == "pass", c


def test_an_elections_voters_a_lines_output_and_a_wards_screening_are_whom_and_what_the_work_served():
    # fresh88's council, factory and ward (seventeenth round, blind): poll cards on voters' doormats, a production line's
    # output and patients screened on time are the outcome for whom the work served (guide: "customer or business terms")
    q = "Tell me about a time you delivered against a tight deadline."
    election = ("I was a senior elections officer at a council when a by-election was called at five weeks' notice and our "
                "printer went into administration. I rang four other councils' suppliers, found one in Preston, converted the "
                "register extract myself and proofed every template line by line. All 64,000 poll cards landed on doormats "
                "eleven days before polling day, two days ahead of our own target.")
    assert status(election, "business_impact", lp="deliver-results", question=q) == "pass"
    line = ("I work in maintenance at a packaging factory, and the big corrugator was stopping three or four times a week. I "
            "made a list of the critical parts, I agreed a four-hour stop every second Sunday with production, and I measured "
            "the bearings every month. After two years the unplanned stops went down from fifteen a month to three, and the "
            "line output went up by about eight percent.")
    assert status(line, "business_impact", lp="ownership", question="Tell me about a long-term decision you made that paid off later.") == "pass"
    ward = ("I'm a nurse on an acute medical ward, and our sepsis screening was late for many patients. I audited it myself "
            "for a month, I made a pocket card with the steps and I went to every handover for two weeks. After three months "
            "the screening within one hour went up from fifty-eight to eighty-nine percent.")
    assert status(ward, "business_impact", lp="insist-on-the-highest-standards",
                  question="Tell me about a time you raised the bar on quality.") == "pass"


def test_a_bigger_budget_won_is_the_opposite_of_delivering_with_limited_resources():
    # guide, Frugality: "more with less"; fresh88-08's gala budget argued up and granted answers another question
    q = "Tell me about a time you delivered with limited resources."
    text = ("i was events coordinator at a hospice charity and the gala budget was twelve thousand pounds which wasn't enough "
            "so i wrote a proposal to the trustees and i argued that if we spent more we'd raise more i asked for twenty "
            "thousand plus a part time assistant and they gave me eighteen thousand and the assistant i booked a better hotel "
            "and a professional auctioneer and we raised sixty one thousand pounds against thirty eight the year before since "
            "then i always benchmark against similar charities before i set a budget")
    c = grade(text, lp="frugality", question=q).checks["lp_framing"]
    assert c.status == "fail" and "opposite" in c.message, c


def test_waiting_for_the_full_dataset_rather_than_guess_is_the_opposite_of_moving_on_incomplete_information():
    # guide, Bias for Action: "a real time pressure or information gap, a calculated risk taken"; fresh88-03's ten weeks
    q = "Tell me about a time you moved forward despite incomplete information."
    text = ("I'm an operations analyst at a retail bank, and head office wanted to cut Saturday opening at some branches. Our "
            "footfall counters had been broken at a third of the branches. Rather than guess, I pulled eighteen months of "
            "teller transactions and arranged manual counts on six Saturdays, and I built a model that scored each branch. It "
            "took ten weeks, but it was important not to close anything on half the data. I recommended seven branches "
            "instead of twelve and we had three complaints in the first month. I now always ask for the full dataset first.")
    c = grade(text, lp="bias-for-action", question=q).checks["lp_framing"]
    assert c.status == "fail" and "opposite" in c.message, c


def test_a_recovery_left_before_its_end_has_no_result_for_deliver_results():
    # guide, Deliver Results is "the result"; fresh88-05's school job, handed on before the finish
    q = "Tell me about a time you stepped in to recover a failing project."
    text = ("i was an assistant site manager on a school extension that was eight weeks behind and i re planned the whole "
            "programme myself over a weekend i went through it with every trade and i started a seven o'clock meeting every "
            "morning and i chased the steel fabricator every day then in march the company moved me across to a bigger job "
            "and another site manager took over the school so i didn't see the end of it but i think it finished sometime "
            "after the summer holidays since then i always re plan the whole programme when a package overruns")
    c = grade(text, lp="deliver-results", question=q).checks["lp_framing"]
    assert c.status == "fail" and "opposite" in c.message, c


def test_a_year_said_aloud_is_no_result_and_footfall_that_is_up_is_one():
    # fresh89's service area (seventeenth round, blind): the target's year "twenty twenty five" is no number of the
    # result, and "the footfall in the shop is up" is the result, told in the present of a hub still open
    q = "Tell me about a strategic bet you proposed."
    text = ("so i was the site operations manager for a motorway service area and about four years ago i pushed for a proper "
            "electric vehicle charging hub the company's plan was to add maybe two more chargers so i put together a case for "
            "twenty four rapid chargers with a lounge a budget of about one point eight million and i went to the regional "
            "director three times before he'd take it to the board the board approved it and the target we set was to be "
            "the top charging site on the m6 by twenty twenty five the hub opened last year and it's still early days the "
            "drivers seem to like it and the footfall in the shop is up")
    checks = grade(text, lp="think-big", question=q, seconds=None).checks
    assert checks["quantified_result"].status == "warn", checks["quantified_result"]
    assert checks["star"].status == "pass" and checks["business_impact"].status == "pass", (checks["star"], checks["business_impact"])


def test_a_railways_trains_are_whom_it_served_and_a_pipelines_delivery_times_are_its_data():
    # fresh89 (seventeenth round, blind): "the trains ran normally" is the railway's service to the people on them; "the
    # delivery times in the pipeline matched the raw scanner files" is the data made right, engineering only
    q = "Tell me about a time you held your position under pressure."
    rail = ("I'm a track engineer. The senior engineer's plan was to do the points last on a weekend possession, and I "
            "disagreed because the points had overrun on the last two jobs. I showed him the records and asked him to swap "
            "the order, and I had the gang prep the points in parallel on the Saturday night. In the end the possession was "
            "handed back forty minutes early and the trains ran normally.")
    assert status(rail, "business_impact", lp="have-backbone-disagree-and-commit", question=q) == "pass"
    data = ("I was a data engineer at a parcel company, building a pipeline for delivery times from the drivers' scanners. I "
            "assumed the timestamps were in UTC and I didn't check; they were in local time. I compared the raw scanner "
            "files with the server logs, wrote the fix to convert at ingestion and reprocessed four months of data. After "
            "that the delivery times in the pipeline matched the raw scanner files.")
    c = grade(data, lp="learn-and-be-curious", question="Tell me about a time a technical assumption of yours turned out to be wrong.").checks["business_impact"]
    assert c.status == "fail" and "engineering" in c.message, c


def test_pensioners_rolls_sold_claimants_and_road_users_are_whom_the_work_served():
    # fresh90 and fresh91 (seventeenth round, blind): plain words for the people served and the business's sales
    # (the labelling rules: "any customer or user class's outcome")
    pharmacy = ("i work as a dispensing assistant in a pharmacy and our older patients kept coming back confused about their new "
                "blister packs so i made a big print sheet with the days and the colours and i stuck it in every pack and i sat "
                "with the ones who were struggling in the end the old folks were much happier and there was a lot less "
                "confusion at the counter")
    assert status(pharmacy, "business_impact", lp="customer-obsession",
                  question="Tell me about a time you noticed a customer problem that no metric or ticket had surfaced.") == "pass"
    bakery = ("so i was assistant store manager at a supermarket and when i looked at the till data by hour the gap was between two "
              "and five in the afternoon so i changed the bake plan and i tracked it every day and afterwards we were selling "
              "about four hundred rolls a week in the afternoon")
    assert status(bakery, "business_impact", lp="are-right-a-lot", question="Tell me about a time you used data to overrule intuition.") == "pass"
    council = ("i work in the revenues team at the council and the reduction form was fourteen pages so i went through it question "
               "by question and i cut it down to five pages and i rewrote the wording in plain english the new form went live in "
               "april and the average processing time dropped from thirty one days to nineteen so people were getting their "
               "reduction a lot quicker")
    assert status(council, "business_impact", lp="invent-and-simplify", question="Tell me about a time you simplified a complex process.") == "pass"
    roads = ("i was winter duty officer for highways and at ten the road surface was dropping twice as fast as forecast so i "
             "reversed my own decision and i called out all eight crews and i rang the police control room and we had zero ice "
             "related crashes on those routes that night when the next county over had three")
    assert status(roads, "business_impact", lp="bias-for-action", question="Tell me about a decision you reversed when new data emerged.") == "pass"


def test_results_said_as_thanks_a_race_with_the_weather_and_a_product_now_in_use():
    # fresh91 (seventeenth round, blind): each of these is the result, though none has a number (quantified_result's to
    # judge); the weather that came is no one the work served
    q = "Tell me about a time you took a calculated risk."
    slab = ("I was site manager on a block of twelve flats and the forecast changed to heavy rain on the day of the slab pour. "
            "I took the risk and brought it forward to six. I rang the concrete supplier, I got the pump rebooked and I was "
            "out there myself from half five checking the rebar. We finished the last bay just before the rain came in. The "
            "slab was fine and the lads were happy.")
    checks = grade(slab, lp="bias-for-action", question=q, seconds=None).checks
    assert checks["star"].status == "pass", checks["star"]
    assert checks["business_impact"].status == "fail", checks["business_impact"]
    couple = ("I was a mortgage adviser at a building society, and a couple in their seventies came in to switch their mortgage. "
              "The online product was the same rate and saved them the fee, so I told them that and I helped them do it on the "
              "branch iPad. I raised it at the team meeting and made the case that we should always show both options. They "
              "were really grateful, they wrote us a card actually, and my manager agreed that we should show both.")
    assert grade(couple, lp="customer-obsession", question="Tell me about a decision where you sided with the customer over your team.",
                 seconds=None).checks["star"].status == "pass"
    bet = ("I was a product manager for route planning software, and every warehouse integration was a custom project. I "
           "proposed an open API and a partner programme instead, I wrote the proposal, I talked to three warehouse vendors "
           "myself and I ran the beta with two partners. It's now used by a lot of our bigger customers, and sales say it's "
           "been a big help with renewals.")
    checks = grade(bet, lp="think-big", question="Tell me about a strategic bet you proposed.", seconds=None).checks
    assert checks["star"].status == "pass" and checks["business_impact"].status == "pass", (checks["star"], checks["business_impact"])


def test_the_customer_past_the_opening_in_plain_words_is_working_back_from_them():
    # fresh88 and fresh62 (dev): the buyers asked what they thought, a borrower's own saving, an older lady coming in --
    # the customer in the action and the result, though the word "customer" never comes (guide: "working backwards")
    q = "Tell me about a time you used customer feedback to improve a product."
    bakery = ("I run the bread side of a small family bakery. We had a sourdough that hardly sold in the week, and I kept hearing "
              "at the till from regulars that a whole loaf went stale before they could finish it. I wrote down every comment "
              "about size for a month, and it came to nearly forty. I tried a half loaf for two weeks at one shop, and I asked "
              "everyone who bought it to tell me honestly what they thought. I made it permanent in both shops. Weekday "
              "sourdough sales went from about fifteen loaves a day to about fifty-five. These days I read what people said "
              "that week before I plan the next week's bake.")
    assert grade(bakery, lp="customer-obsession", question=q, seconds=None).checks["lp_framing"].status == "pass"
    shop = ("there was an older lady who came into our hardware shop in january and her boiler had packed in and we didn't have "
            "the valve in stock so i rang round and found one at our other branch and after my shift i drove over and dropped it "
            "at her house so the engineer could fit it that evening and she had heating again that night")
    c = grade(shop, lp="customer-obsession", question="Tell me about a time you went above and beyond for a customer.", seconds=None).checks["lp_framing"]
    assert c.status != "fail", c


def test_a_scheme_taken_across_the_whole_hospital_is_thinking_big():
    # fresh90's pharmacy technician (seventeenth round, blind): the reach is the whole institution, not the own wards
    q = "Tell me about a time you changed the direction of work beyond your own team."
    text = ("i was a pharmacy technician on the surgical wards and i noticed we were throwing away patients' own medicines when "
            "they came in so i ran a two week audit on my wards and it came to about six hundred pounds a week i presented it to "
            "the chief pharmacist and to the nursing leads and pushed for a patients' own drugs scheme across the whole hospital "
            "not just surgery i wrote the procedure and trained the ward staff myself it went live on all twenty two wards and "
            "it saves around twenty thousand pounds a year and now i always audit first before i suggest anything")
    assert grade(text, lp="think-big", question=q, seconds=None).checks["lp_framing"].status == "pass"


def test_a_deadline_said_as_its_day_and_feedback_given_straight_speak_to_their_principles():
    # fresh90 (seventeenth round, blind): a kitchen's deadline is the day the client named; a housekeeper's honest
    # feedback is said "straight out" -- both in plain words, with none of the principles' own vocabulary
    kitchen = ("right so i'm a sous chef at a conference hotel and the client rang on the tuesday and said the lunch for friday "
               "was going from eighty people to two hundred and sixty and they wanted it hot i worked out a menu that could be "
               "batch cooked and i changed our orders with the suppliers that afternoon and on the friday we plated two hundred "
               "and sixty covers in about thirty five minutes and the client rebooked with us for their christmas do")
    assert grade(kitchen, lp="deliver-results", question="Tell me about a time you delivered against a tight deadline.",
                 seconds=None).checks["lp_framing"].status == "pass"
    feedback = ("i was head housekeeper at a hotel and one of my best room attendants had started failing inspection and the other "
                "supervisors were talking about it behind her back so i took her for a coffee away from the floor and i showed "
                "her the inspection sheets and said straight out your rooms aren't at your standard any more and i need to "
                "understand why and her fails went back down to one in the next month")
    assert grade(feedback, lp="earn-trust", question="Tell me about a difficult piece of feedback you delivered honestly.",
                 seconds=None).checks["lp_framing"].status == "pass"


def test_a_fast_fix_with_the_cause_never_found_and_the_team_backed_answer_other_questions():
    # fresh92 (eighteenth round, blind): Dive Deep is "the moment of finding the actual root" -- a check station put in
    # "rather than wait for the data" with the cause "never found" is Bias for Action; asked to side with the customer over
    # the team, "I decided to back my team ... gone to bat for them" took the other side
    dig = ("okay so i was a shift manager in a fulfilment centre and our picking accuracy dashboard was showing ninety nine point "
           "eight percent but two of the brands said customers were getting the wrong sizes in shoes so i set up an extra check "
           "station at the end of the shoe line and i trained two people myself that same afternoon and within one month the "
           "wrong size complaints went from forty a month to five we never found exactly why the dashboard was showing green "
           "and now whenever a client complains i put a physical check in place the same day rather than wait for the data")
    c = grade(dig, lp="dive-deep", question="Tell me about a time the dashboard said everything was fine and you dug in anyway.",
              seconds=None).checks["lp_framing"]
    assert c.status in ("warn", "fail") and "opposite" in c.message, c
    team = ("I was assistant manager in a phone shop, and head office brought in an insurance target the team would lose its "
            "bonus over, because most of our walk-ins came for repairs. I decided to back my team. I split three months of till "
            "data, wrote it up on two pages and asked the area manager to set our target on handset sales. Head office agreed, "
            "our target went down by forty percent and the team got their bonus every month. The team could see I had gone to "
            "bat for them. Now I look at our own data against the chain average before I say anything to the team.")
    c = grade(team, lp="customer-obsession", question="Tell me about a decision where you sided with the customer over your team.",
              seconds=None).checks["lp_framing"]
    assert c.status in ("warn", "fail") and "opposite" in c.message, c


def test_a_head_chef_directing_each_step_drives_the_story():
    # fresh92's sous chef (eighteenth round, blind): three of the head chef's asks, done well, are not the candidate's drive
    q = "Tell me about a time you refused to accept 'good enough'."
    text = ("I was sous chef in a busy brasserie. Our head chef told me he was unhappy with how inconsistent the plates were on "
            "the weekend, and he asked me to sort out the pass. So I started standing on the pass myself and I refused to send "
            "any plate that didn't meet the spec. He then told me to write proper spec sheets for every main course, so I "
            "photographed each dish and weighed every component. After two months our returned plates dropped from fifteen a "
            "night to four. Now I write the spec sheet before a dish goes on the menu.")
    c = grade(text, lp="insist-on-the-highest-standards", question=q).checks["self_driven"]
    assert c.status == "fail", c


def test_a_shops_extra_takings_a_day_are_the_result_in_business_terms():
    # fresh92's seafront kiosk (eighteenth round, blind): "took an extra three hundred a day" is money taken, a rate, not
    # how long something took; "covered the loss" is the business's
    q = "Tell me about a decision you reversed when new data emerged."
    text = ("i run a cafe and an ice cream kiosk on the seafront and i took on a second kiosk for the summer but after three weeks "
            "the takings were half what i'd planned so i sat down with the till data and i went back to the council and they let "
            "me out of the lease for a month's rent and i moved the two staff back to the main cafe to open the hatch window on "
            "the front and that actually took an extra three hundred a day over the rest of the summer so it covered the loss "
            "and now i set myself a number and a date before i start anything")
    checks = grade(text, lp="bias-for-action", question=q, seconds=None).checks
    assert [checks[k].status for k in ("quantified_result", "business_impact", "star")] == ["pass", "pass", "pass"], checks


def test_a_number_the_time_brought_is_the_result_not_the_teams_next_step():
    # fresh99's food bank (nineteenth round, blind): "After six months we were seeing a hundred and thirty of those households
    # every fortnight" is what the six months brought, not a step told after "after ... we"
    setup = ("I coordinate a food bank in Leicester for a church-based charity. Last year our director wanted to close our "
             "Thursday evening session. I disagreed. I went through our referral records and showed her that of the roughly three "
             "hundred households we saw a month, about a hundred and forty only ever came on Thursday evenings. She decided to "
             "move it to every other Thursday for six months and review. I committed to it: I recruited eleven new evening "
             "volunteers through two local employers, I set up a text reminder so families knew which Thursdays we were open, "
             "and I kept the numbers. ")
    checks = grade(setup + "After six months we were seeing a hundred and thirty of those households every fortnight.",
                   lp="have-backbone-disagree-and-commit", question="Tell me about a time you disagreed with your manager.").checks
    assert checks["star"].status == "pass" and checks["business_impact"].status == "pass", (checks["star"], checks["business_impact"])


def test_the_candidates_own_exam_mark_is_no_customer_or_business_outcome():
    # fresh53's plumber (blind): "i passed the assessment and got my certificate" is the candidate's own achievement, and the
    # customers he took the course for went elsewhere
    q = dict(lp="learn-and-be-curious", question="Tell me about a time you learned a new skill or technology to solve a problem.")
    text = ("yeah so i'm a plumbing and heating engineer and i run a small firm with one apprentice and a couple of years "
            "ago we had a customer an older couple in a bungalow who wanted a heat pump put in because their oil boiler was"
            " on its last legs and i didn't know heat pumps at all so i signed up for a five day installer course at the "
            "college paid for it myself about eleven hundred pounds and i passed the assessment and got my certificate by "
            "the time i'd finished though the couple had gone with one of the big national installers because they could do"
            " it quicker so i didn't end up fitting theirs and um to be honest i haven't fitted one since either because "
            "most of my work is still boiler swaps and bathrooms but it's good to have the certificate and i enjoyed "
            "learning how the refrigerant side works it's made me more confident talking about them and uh i'd say i'm "
            "someone who likes to keep learning ")
    assert status(text, "business_impact", seconds=None, **q) == "fail"
    # ... while the same course paying off for the couple is their outcome
    fitted = text.replace("by the time i'd finished though the couple had gone with one of the big national installers because "
                          "they could do it quicker so i didn't end up fitting theirs", "and i fitted theirs that autumn and the "
                          "couple's heating bills came down by about a third")
    assert fitted != text and status(fitted, "business_impact", seconds=None, **q) == "pass"


def test_people_a_product_woke_at_night_are_beyond_the_business():
    # fresh96's courier app (nineteenth round, blind): couriers woken at night by a push feature are the secondary effect
    q = "Tell me about a time you considered the secondary effects of something you shipped."
    text = ("I was a software engineer on the courier app at a food delivery company, and I built a feature that sent "
            "couriers a push notification when demand spiked in their area, with a bonus for logging on. In the first two "
            "weeks it worked: courier log-ons in busy periods went up 18 percent. But I wanted to know what else it was "
            "doing, so I looked at when the notifications were being opened. About a quarter were opened between midnight and"
            " 6 a.m., and when I talked to a few couriers at a hub, two told me they'd been woken up and felt they had to go "
            "out or lose the bonus. One was a student in the middle of exams. That wasn't something our metrics counted, but "
            "it was a real effect on people. I proposed a quiet-hours setting, on by default, from 11 at night to 7 in the "
            "morning, and a cap of three demand notifications a day. I built it, and I wrote up the trade-off for my product "
            "manager, including the log-ons we'd probably lose. We lost about 2 percent of night log-ons, and courier "
            "complaints about notifications dropped from around 90 a month to under 10. Now, whenever I ship something that "
            "nudges people's behaviour, I look at the time of day and the repeat pattern before I call it a success.")
    assert status(text, "lp_framing", lp="success-and-scale-bring-broad-responsibility", question=q) == "pass"
    # ... while the same feature told only by its log-ons has nobody beyond the business in it
    only = ("I built a feature that sent couriers a push notification when demand spiked, with a bonus for logging on. I tuned "
            "the threshold twice and I added a cap of three a day. Log-ons in busy periods went up 18 percent and late orders "
            "fell by a tenth. Now I look at the repeat pattern before I call a feature a success.")
    assert status(only, "lp_framing", lp="success-and-scale-bring-broad-responsibility", question=q) == "fail"
    # fresh101's delivery riders (blind): riders pushed into speeding on the city's roads are beyond the business too
    riders = ("i was a product manager at a food delivery platform and we launched a countdown and a coupon to the customer if the "
              "order is late and the on time rate went up but i looked at our rider data myself and the number of trips with "
              "speed over the limit in the city centre went up about twenty five percent so i wrote a proposal to put a buffer "
              "in the countdown and the platform pays the coupon not the rider and after the change the speeding trips came back "
              "almost to the level before")
    assert status(riders, "lp_framing", lp="success-and-scale-bring-broad-responsibility", question=q, seconds=None) == "pass"


def test_a_gap_said_as_nobodys_job_and_taken_on_speaks_to_ownership():
    # fresh96's staff nurse (nineteenth round, blind): "it wasn't really anyone's job ... so i decided to take it on"
    q = "Tell me about a time you handled a problem nobody owned."
    text = ("i'm a staff nurse on a medical ward and patients who were fit to go home would wait hours for their medicines from "
            "pharmacy it wasn't really anyone's job so i decided to take it on i spent two weeks writing down every discharge "
            "and the average wait was three and a half hours so i set up a list on the board for tomorrow's discharges and i "
            "chased the doctors to write the scripts the afternoon before and after two months the wait was down to just over "
            "an hour and since then i measure a problem for two weeks before i talk to anyone")
    assert status(text, "lp_framing", lp="ownership", question=q, seconds=None) == "pass"
    # ... while the same list run because the ward manager asked for it has no owner's beat
    asked = text.replace("it wasn't really anyone's job so i decided to take it on", "the ward manager gave me a project")
    assert status(asked, "lp_framing", lp="ownership", question=q, seconds=None) != "pass"


def test_a_reversal_said_as_what_was_decided_answers_the_reversed_decision_question():
    # fresh96's cargo load controller (nineteenth round, blind): "he decided we'd reverse it" is the reversal, decided
    q = "Tell me about a decision you reversed when new data emerged."
    text = ("i was a load controller for cargo at an airline and we had planned to take a big shipment of medical equipment to "
            "lagos then the forecast said strong headwinds so we planned to offload about two tonnes and i started to plan which "
            "pallets to take off then an hour before departure the updated wind data came through and it was a lot better so i "
            "redid the numbers and we could take everything so he decided we'd reverse it i rebuilt the load sheet and all six "
            "tonnes went and the hospital got the equipment three days earlier")
    assert status(text, "lp_framing", lp="bias-for-action", question=q, seconds=None) == "pass"
    # ... while a reversal nobody made ("he decided we wouldn't reverse it") is none
    kept = text.replace("so he decided we'd reverse it", "but he decided we wouldn't reverse it")
    assert status(kept, "lp_framing", lp="bias-for-action", question=q, seconds=None) == "fail"


def test_a_bet_proposed_and_put_on_the_roadmap_has_no_result_yet():
    # fresh94's seller tools engineer (eighteenth round, blind): the proposal's estimate is no outcome, so nothing has
    # happened yet (guide: "The Result section is missing")
    text = ("I'm an SDE on the seller tools team. Sellers have to integrate with three different APIs. The big bet I proposed "
            "was a single seller platform API. I wrote a six-page proposal with the architecture and an estimate that it could "
            "cut seller onboarding time in half and bring in maybe 2 million dollars a year from a developer programme. I "
            "presented it to my director and the principal engineers. They liked the vision but said the timing wasn't right. "
            "It's now on the roadmap as a candidate for next year.")
    checks = grade(text, lp="think-big", question="Tell me about a strategic bet you proposed.", seconds=None).checks
    assert checks["quantified_result"].status == "warn" and checks["star"].status == "fail", (checks["quantified_result"], checks["star"])


def test_a_course_the_manager_put_the_candidate_on_starts_from_the_managers_ask():
    # fresh88's transport planner (seventeenth round, blind): "my manager put me on the Yellow Belt course" is the
    # manager's ask, not the candidate's curiosity (guide red flag: "my manager asked me to")
    text = ("I was a transport planner for a food wholesaler. In twenty twenty-two my manager put me on the Lean Six Sigma Yellow "
            "Belt course. I learned the DMAIC method and the five whys, and I spent evenings going through the statistics "
            "videos twice. I passed the exam with ninety-two percent and I did a presentation to the depot managers. Now I map "
            "the process before I change any route plan.")
    c = grade(text, lp="learn-and-be-curious", question="Tell me about a time you learned a new skill or technology to solve a problem.",
              seconds=None).checks["self_driven"]
    assert c.status == "warn", c


def test_a_person_grown_into_a_team_leader_and_less_rework_are_the_result():
    # fresh95's assembly line (eighteenth round, blind): the coaching's result, said in a second-language speaker's words
    text = ("when i was team leader on the assembly line in a car parts factory near pitesti we had a new operator a "
            "young man very quiet he was making many mistakes on the torque station and the other operators they were "
            "starting to laugh at him and my supervisor was thinking to move him to packing i saw that he was not "
            "stupid he was just afraid to ask so i started to stay with him at the beginning of each shift and i "
            "showed him the station step by step and i let him ask me everything without the others around after some "
            "weeks i gave him the job to check the torque records for the whole line at the end of the shift because i "
            "wanted him to feel responsible and he was very good at it he found mistakes that other people missed now "
            "he is team leader himself on the night shift and the people who were laughing they respect him and the "
            "line had less rework what i do since then with every new person i spend the beginning of their shifts "
            "with them myself before i decide anything about them")
    checks = grade(text, lp="hire-and-develop-the-best", question="Tell me about a time you helped a colleague grow.", seconds=None).checks
    assert checks["star"].status == "pass" and checks["business_impact"].status == "pass", (checks["star"], checks["business_impact"])


def test_a_printer_driver_the_maker_fixed_is_no_customer():
    # fresh95's point-of-sale developer (eighteenth round, blind): "fixed their driver" is software, so the result left is
    # print time and cpu spikes, engineering only
    text = ("i was a backend developer at a company that makes point of sale software and one of our tills kept freezing when "
            "it printed receipts so i took one of the tills home and reproduced it and i went into the printer driver and found "
            "that it retried the status call three times i wrote a small wrapper that made the status call asynchronous and "
            "raised it with the manufacturer who later fixed their driver after the change the receipt printing time went from "
            "about three point five seconds to under four hundred milliseconds and the cpu spikes on those tills went away")
    c = grade(text, lp="dive-deep", question="Tell me about a bug you root-caused that was not your code.", seconds=None).checks["business_impact"]
    assert c.status == "fail" and "engineering" in c.message, c
