"""The language layer: who acted, when, and which number is the result.

Each case is a sentence pattern the guide's rules turn on (issue: "what it misread,
every time, was the sentence, not the word"), in prose and in recognizer style.
"""

from __future__ import annotations

import os

import pytest

from assistant.language import analyse, normalise, normalise_text, number_words, spoken_to_digits, words_value


def clauses(text: str):
    a = analyse(text.split())
    return a, {c.lemma: c for c in a.clauses}


def roles(text: str) -> dict[str, str]:
    a = analyse(text.split())
    return {q.text: q.role for q in a.quantities}


def times(text: str) -> dict[str, str]:
    """Each verb's time, by lemma (the first clause of a lemma said twice)."""
    return {c.lemma: c.time for c in reversed(analyse(text.split()).clauses)}


# --------------------------------------------------------------------------- who did it


@pytest.mark.parametrize(
    "text",
    [
        "I had my team handle it. I asked one of the junior engineers to go through the logs.",
        "i had my team handle it and i asked one of the junior engineers to go through the logs",
    ],
)
def test_delegated_work_is_the_other_persons_action_requested_by_the_candidate(text):
    _, c = clauses(text)
    assert c["handle"].delegated and c["handle"].actor == "team"
    assert c["go"].delegated and c["go"].actor == "other"
    assert c["have"].request and c["ask"].request
    assert c["have"].actor == "self"


@pytest.mark.parametrize(
    "text, asking, delegated",
    [
        ("I had one of them take the diagnosis calls by phone.", "have", "take"),  # "take" tagged present by the parser
        ("I got our van driver to collect the spare parts from the merchant.", "get", "collect"),  # read as an adverbial clause
        ("I assigned the engineers their routes.", "assign", None),  # two objects, the first the people
    ],
)
def test_work_handed_over_in_the_parsers_odd_readings_is_still_a_request(text, asking, delegated):
    _, c = clauses(text)
    assert c[asking].request
    if delegated:
        assert c[delegated].delegated and c[delegated].actor == "other"


def test_assigning_a_task_to_someone_is_a_request_not_an_own_action():
    _, c = clauses("I assigned the fix to Priya and I reviewed her change.")
    assert c["assign"].request
    assert not c["review"].request and c["review"].actor == "self"


def test_a_thing_had_or_made_is_no_person_asked():
    # fresh33's ticket sale (dev): "i had two options wait ... or switch", "i made the call to switch" read as
    # work handed to someone
    _, c = clauses("i had two options wait and investigate or switch the sale over to our old queue")
    assert not c["have"].request and not c["wait"].delegated
    _, c = clauses("i made the call to switch because it was a two way door")
    assert not c["make"].request and c["make"].actor == "self"
    _, c = clauses("I had my team handle it")
    assert c["have"].request and c["handle"].delegated


@pytest.mark.parametrize(
    "text, is_role",
    [
        ("I worked in the permits team at the council.", True),
        ("i worked as a duty manager for two years", True),
        ("I worked at a bakery when the oven failed.", True),
        ("I worked for three nights on the backlog.", False),
        ("I worked in the evenings to clear it.", False),
        ("I worked with the night team to rebuild the rota.", False),
        ("I worked late in the office.", False),
    ],
)
def test_a_role_said_with_worked_is_a_state_and_work_done_is_a_step(text, is_role):
    # "I worked in the permits team" says who the candidate was, as "I was" does: no step taken
    _, c = clauses(text)
    assert ("be" in c and "work" not in c) == is_role, {k: v.actor for k, v in c.items()}


def test_team_context_and_own_actions_are_told_apart():
    _, c = clauses("We hired temporary agents each season. I listened to sixty calls and I drafted a new script.")
    assert c["hire"].actor == "team"
    assert c["listen"].actor == "self" and c["draft"].actor == "self"
    assert c["listen"].time == "past"


def test_the_manager_is_an_actor_of_their_own():
    _, c = clauses("My manager asked me to look at the churn numbers.")
    assert c["ask"].actor == "manager"


# --------------------------------------------------------------------------- when it happened


@pytest.mark.parametrize(
    "text, lemma, time",
    [
        ("That is why I'd skipped the holdback.", "skip", "past_perfect"),
        ("I added a canary check, so we'd catch anything similar.", "catch", "purpose"),
        ("I would set up a meeting with the stakeholders.", "set", "hypothetical"),
        ("we would look at the dashboards and decide", "look", "hypothetical"),
        ("What would likely have been several thousand complaints never came.", "be", "counterfactual"),
        # "must have" is the teller's inference about what did happen (fresh81's pharmacist, fifteenth round, blind)
        ("over the next six months she must have brought me twenty or thirty questions", "bring", "past"),
        ("we should have caught it at the review", "catch", "counterfactual"),
        ("Now whenever I design a pipeline, I write down the retention period first.", "write", "habitual"),
        ("now whenever i design a pipeline i write down the retention period first", "write", "habitual"),
        ("Next time I would talk to the vendor first.", "talk", "reflective"),
        ("I traced the regression to a fraud call.", "trace", "past"),
        # a past spelled as the present, in a run-on story: a step, not a habit; with a habit marker, a habit
        ("and i trained the loading crews on how to call it and i put up signs at the ticket office so people knew to ask", "put", "past"),
        ("i called every driver on the route and i cut the form down to one page", "cut", "past"),
        ("since then every month i read the cards myself before the ops meeting", "read", "habitual"),
        # ... or "now" just before its clause, and a base form joined to it (fresh35's garage, dev)
        ("my own check now for every brake job i read the part number off the box and match it against the lookup", "read", "habitual"),
        ("my own check now for every brake job i read the part number off the box and match it against the lookup", "match", "habitual"),
        ("i trained them to run phonics sessions every morning i also set up a simple tracker", "set", "past"),
        # ... or "now" modifying the verb, wherever it is said (fresh52's, fresh53's, fresh54's closing habits, dev)
        ("I read the raw forms every month now, not just the figure on the report.", "read", "habitual"),
        ("I never report an attendance figure now without splitting it by group.", "report", "habitual"),
        # a base form the small parser tags past, with a habit marker: a habit
        ("and the parents were really pleased with it and now on any building job i book the inspections on day one", "book", "habitual"),
        # a supposition, and a "could" under a "would", are what might be
        ("Say I was running a warehouse and a supplier rang me.", "run", "hypothetical"),
        # ... but not somebody saying it (fresh47's phonics screening, dev: the next number read as what might be)
        ("i raised it at the governors meeting to say i thought it was a mistake", "think", "past"),
        ("I would say I was the one who noticed it first.", "be", "past"),
        ("I'd want to pick an option I could reverse.", "reverse", "hypothetical"),
        ("I could not reach the owner, so I rang the depot.", "reach", "past"),
        # "you could see" in a story told in the past is what was there to see then (fresh55-24, blind);
        # "you could grow that" is what might be
        ("when i looked at them under a lamp at an angle you could see orange peel in the lacquer", "see", "past"),
        ("over time you could grow that into a second site", "grow", "hypothetical"),
        # the candidate's own condition of what they would do is a supposition, however past its
        # verb; a real story's "if" stays past
        ("But if I had to deliver something with less, I would start with what the customer needs.", "have", "hypothetical"),
        ("If the van was late, I rang the depot myself.", "be", "past"),
        # ... and the past-perfect condition of a "would have" is part of what would have been (fresh39's ticket sale, dev)
        ("if we'd waited four hours for the provider we'd have lost about eighty thousand pounds", "wait", "counterfactual"),
        # ... and so does the condition of a "would" seen from the story's past (fresh35's replication slot, dev)
        ("so the risk was that if i dropped that slot i would lose the replica", "drop", "reported"),
        # the future seen from the story's past: reported speech and what a past fact meant
        ("At the handover I told the team that I would fix the rota.", "fix", "reported"),
        ("i disagreed because the extra driving meant a third of the deliveries would miss the promise", "miss", "reported"),
        ("We agreed he'd bring any problem to me and I'd check in with him every Friday.", "check", "reported"),
        ("I signed for the generator myself, knowing I'd have to justify the cost.", "have", "reported"),
        # a hedge on a claim about the story, not what the candidate would do
        ("I'd estimate we saved around six thousand pounds of stock.", "estimate", "hedge"),
        # "'d" with a participle is "had"
        ("I'd left the Saturday night with one registered nurse.", "leave", "past_perfect"),
        # ... and so is "'d been" and "'d had" (fresh34's fog nights, dev: read as "would")
        ("But I'd been logging our fog nights for two winters.", "log", "past_perfect"),
        ("On the last comparable night, when we'd waited, we'd had four cancellations.", "have", "past_perfect"),
        # ... and a "would" governed by a present verb, or a list of them, stays hypothetical
        ("I think I would first gather the data.", "gather", "hypothetical"),
        ("I would call the customer and I would apologise.", "apologise", "hypothetical"),
        # "every" makes a habit with a period ("every week"), not with a thing ("every timer")
        ("Every week I check the returns shelf before I order.", "check", "habitual"),
        ("I reset every timer myself, I had the lights put on sensors, and I wrote a checklist.", "reset", "present"),
    ],
)
def test_the_time_of_a_clause(text, lemma, time):
    _, c = clauses(text)
    assert c[lemma].time == time


def test_negation_is_read():
    _, c = clauses("I did not test the migration on real data.")
    assert c["test"].negated


# --------------------------------------------------------------------------- which number is the result


def test_result_baseline_duration_estimate_and_counterfactual_roles():
    r = roles(
        "The seven percent I conceded was fair. It took about six weeks. I reduced wait times from 40 minutes to 12 minutes "
        "and what would likely have been several thousand complaints never came."
    )
    assert r["seven percent"] == "estimate"
    assert r["six weeks"] == "duration"
    assert r["40 minutes"] == "baseline"
    assert r["12 minutes"] == "result"
    assert r["thousand complaints"] == "counterfactual"


@pytest.mark.parametrize(
    "text, quantity, role",
    [
        # a time said before its clause's verb dates what follows: no time was gained
        ("I built the booking flow myself. Two weeks before the deadline, the payment provider changed their SDK, "
         "and I rewrote our payment screen.", "Two weeks", "setup"),
        # said after the verb, it is what was gained
        ("I built the booking flow myself and rewrote the payment screen. We launched two weeks before the deadline.",
         "two weeks", "result"),
    ],
)
def test_a_time_that_dates_a_step_is_not_a_time_gained(text, quantity, role):
    assert roles(text)[quantity] == role


@pytest.mark.parametrize(
    "text, quantity",
    [
        # the end of a change said far after its start, and a change down to none
        ("New pressure sores went from seven in the previous half-year to one.", "one"),
        ("Torn gloves during patient procedures went from about one a week to none.", "none"),
    ],
)
def test_where_a_change_ended_is_its_result(text, quantity):
    assert roles(text)[quantity] == "result"


def test_a_relative_clause_is_as_real_as_the_clause_it_hangs_on():
    # fresh29's cinema (dev): "which is around three thousand pounds" restates what would have been refunded
    r = roles("I kept the premiere on and it went ahead. If I'd cancelled we would have been refunding about two hundred "
              "and sixty people, which is around three thousand pounds.")
    assert r["three thousand pounds"] == "counterfactual"
    # ... and a real step's relative clause stays with the real step
    r = roles("I went through the whole stock list and I cut the order down to the lines that sold, which was about "
              "six thousand pounds of stock a month less than before.")
    assert r["six thousand pounds"] != "counterfactual"


@pytest.mark.parametrize(("text", "describes"), [
    ("All six engineers I hired that year passed probation.", True),  # names which engineers: no step of the story
    ("all six engineers i hired that year passed probation", True),  # ... said as the recognizer writes it
    ("I hired six engineers that year and they all passed probation.", False),  # the step itself
])  # fmt: skip
def test_a_relative_clause_naming_a_thing_describes_it(text, describes):
    hire = next(c for c in analyse(text.split()).clauses if c.lemma == "hire")
    assert hire.actor == "self" and hire.describes is describes

    # fresh35's golden record (dev): run-on speech, "thirty percent" parsed as a sentence of its own
    r = roles("i would build a golden record service and i think it would probably cut the duplicate records by something "
              "like thirty percent and it would save the call centre a lot of time")
    assert r["thirty percent"] == "counterfactual"


def test_an_opinion_held_then_over_the_result_is_an_estimate():
    # fresh64's packing line (dev): "the planners reckoned we'd covered something like 90%"
    text = ("I sat on the line for two full shifts and logged every stop myself. We got the promotion out, and the planners "
            "reckoned we'd covered something like 90% of the promotion orders.")
    assert roles(text)["90%"] == "estimate"
    # ... a figure said as measured stays the result
    assert roles(text.replace("the planners reckoned we'd covered something like", "we covered"))["90%"] == "result"


def test_the_scope_of_the_work_is_setup_and_an_outcome_verb_makes_a_result():
    r = roles("I listened to sixty calls and drafted a new script. Repeat calls dropped 30% in a month.")
    assert r["sixty calls"] == "setup"
    assert r["30%"] == "result"


@pytest.mark.parametrize(
    "words, value",
    [
        ("point one five", 0.15),
        ("one point four", 1.4),
        ("sixty two", 62),
        ("a hundred and twenty thousand", 120000),
        ("two hundred and fifty thousand", 250000),
    ],
)
def test_number_words_have_their_value(words, value):
    assert words_value(words.split(), number_words()) == pytest.approx(value)


def test_point_one_five_percent_is_one_quantity_not_fifteen():
    a = analyse("errors fell to point one five percent".split())
    (q,) = a.quantities
    assert q.value == pytest.approx(0.15) and q.unit == "percent"


def test_a_number_and_a_half_is_one_quantity_not_two():
    # fresh28's school meals (blind): "four and a half tonnes" was read as "four" and "half"
    a = analyse("it came to about four and a half tonnes a year and took one and a half weeks".split())
    assert [(q.text, q.value) for q in a.quantities] == [("four and a half", 4.5), ("one and a half weeks", 1.5)]
    (q,) = analyse("the wait fell to 3 and a quarter hours".split()).quantities
    assert q.value == pytest.approx(3.25) and q.unit == "hours"
    # fresh98's release held back (blind): "fixed it in a day and a half" was read as "half", the result
    (q,) = analyse("the developers fixed it in a day and a half and I retested it".split()).quantities
    assert (q.text, q.value, q.unit, q.role) == ("a day and a half", 1.5, "day", "duration")


def test_one_unit_of_time_said_as_an_amount_is_a_quantity():
    # guide: "concrete, quantified results (digits or number words, %, money, time)"
    a = analyse("I rebuilt the claims report from six spreadsheets and tested it for a month. The report now takes about an hour instead of four days.".split())
    hour = next(q for q in a.quantities if q.text == "an hour")
    assert hour.value == 1 and hour.unit == "hour" and hour.role == "result"
    # "once a week", "a week later" are not amounts
    a = analyse("we met once a week and a week later I left".split())
    assert [q.text for q in a.quantities if "week" in q.text] == []


def test_years_and_lone_ones_are_not_quantities():
    a = analyse("In 2023 one of our partners was the one who called".split())
    assert a.quantities == ()
    assert analyse("more than one driver asked for it".split()).quantities == ()
    # certainty is no amount (fresh36's SRE, dev)
    assert analyse("the key is not needing to be a hundred percent sure before you act".split()).quantities == ()


def test_a_one_bounding_a_comparison_or_before_a_unit_of_time_is_a_quantity():
    # a nurse's result (dev): "missed doses fell from about five a month to fewer than one"; a support
    # team's: "reached an engineer within one working day instead of three" -- both read as no number
    assert roles("missed or late insulin doses fell from about five a month to fewer than one") == {"five a month": "baseline", "one": "result"}
    a = analyse("after the move customer bugs reached an engineer within one working day instead of three".split())
    day = next(q for q in a.quantities if q.text == "one working day")
    assert day.value == 1 and day.unit == "day" and day.role == "result"


@pytest.mark.parametrize("text, figure", [
    # fresh52-37 and fresh54-22 (blind): the change's end said in words, its start the only figure
    ("his comebacks on electrical jobs went from about one in six to almost none", "one in six"),
    ("the share of nurses saying they felt able to speak up went from about half to nearly all of them", "half"),
    ("complaints fell from twelve a month to hardly any", "twelve a month"),
])
def test_a_change_whose_end_is_said_in_words_is_measured_from_its_start(text, figure):
    assert roles(text) == {figure: "result"}


def test_a_change_whose_end_is_a_number_or_a_bare_none_keeps_its_start_a_baseline():
    assert roles("his comebacks went from about one in six to one in forty") == {"one in six": "baseline", "one in forty": "result"}
    assert roles("complaints fell from twelve a month to none") == {"twelve a month": "baseline", "none": "result"}
    # fresh98's site foreman (blind): a change from how often, said in words, to none ended at zero
    assert roles("after that his crew's failed inspections went from most weeks to none") == {"none": "result"}
    assert roles("after that his crew walked the scaffold most weeks and found none") == {}


def test_a_salespersons_own_sales_are_the_result_and_the_calls_made_are_the_work():
    # fresh101's car salesman (blind)
    told = roles("i called back every person who asked a quote and i went to the farming fairs on saturdays and in the second half "
                 "of the year i sold thirteen cars per month on average")
    assert told["thirteen"] == "result"
    assert roles("i called back forty customers and i sold them the extended warranty")["forty customers"] == "setup"


def test_what_the_candidates_analysis_showed_is_how_things_stood_not_the_result():
    # fresh101's waste contracts (blind): the analysis's finding, in the present of how things stand, is the situation
    found = "i took the gps data and i showed that in three districts the trucks drive around twenty percent more kilometres than needed"
    assert roles(found)["twenty percent"] == "setup"
    # ... while what changed after it is still the result
    told = roles(found + " so i redrew the routes and by the spring the trucks drove fifteen percent fewer kilometres than before")
    assert told["twenty percent"] == "setup" and told["fifteen percent"] == "result"
    # ... and the same present-tense number not said as a finding is left to the other rules
    assert roles("i took the gps data and i redrew the routes and by the spring the trucks drive around twenty percent fewer "
                 "kilometres than before")["twenty percent"] == "result"


def test_where_the_candidates_step_went_is_its_scope_not_a_change():
    # fresh34's clinic software (dev): "I rolled it out behind a flag to ten clinics" read as a change "to ten"
    assert roles("I rolled it out behind a flag to ten clinics first and then to everyone")["ten"] == "setup"
    assert roles("I fixed the rota and I cut the wait to four days")["four days"] == "result"


def test_within_a_time_of_something_is_how_close_it_came_not_how_long_it_took():
    # a bed manager's result (dev): "delays stayed within twenty minutes of the previous quarter"
    assert roles("over the next quarter morning admission delays stayed within twenty minutes of the previous quarter")["twenty minutes"] == "result"
    assert roles("i walked all thirty wards and we finished it within two weeks")["two weeks"] == "duration"


def test_spoken_numbers_become_digits_for_comparing_stories():
    toks = normalise_text("we cut it to one point four seconds and forty percent fewer tickets").split()
    assert spoken_to_digits(toks, number_words()) == ["we", "cut", "it", "to", "1.4", "seconds", "and", "40", "percent", "fewer", "tickets"]


# --------------------------------------------------------------------------- tokens and lexicons


def test_normalising_drops_edge_punctuation_and_splits_hyphens():
    assert normalise("Re-validated,") == ["re", "validated"]
    assert normalise("\u201cowner\u2019s\u201d") == ["owner's"]
    assert normalise("1,400ms.") == ["1400ms"]


def test_a_possessives_lemma_is_its_nouns():
    # "the booking endpoint's error rate": the parser reads "endpoint" + "'s"; lexicons match "endpoint"
    a = analyse("the booking endpoint's error rate and the customers' bills".split())
    assert a.tokens.lemmas[2] == "endpoint" and a.tokens.lemmas[7] == "customer"


def test_lexicons_match_lemmas_so_one_entry_covers_every_form():
    from assistant.language import Lexicon

    lex = Lexicon.of(["own", "patient"], "test")
    a = analyse("I owned the rollout and patients waited less.".split())
    assert [a.tokens.quote(*s) for s in a.tokens.hits(lex)] == ["owned", "patients"]


def test_an_object_pronoun_keeps_its_case_so_a_verb_phrase_matches_every_tense():
    from assistant.language import Lexicon

    # the parser's lemma of "him" is "he": "show him" written once must still match "showed him"
    lex = Lexicon.of(["show him|her|them how", "sit with me"], "test")
    a = analyse("I showed her how to weed the lettering and later she sat with me on Fridays".split())
    assert [a.tokens.quote(*s) for s in a.tokens.hits(lex)] == ["showed her how", "sat with me"]


def test_a_negation_said_without_its_apostrophe_matches_the_same_entry():
    from assistant.language import Lexicon

    lex = Lexicon.of(["i didn't", "wasn't mine"], "test", lemmas=False)
    a = analyse("i didnt trial it first and the call wasnt mine but i didn't wait".split())
    assert [a.tokens.quote(*s) for s in a.tokens.hits(lex)] == ["i didnt", "wasnt mine", "i didn't"]


def test_an_alternative_written_with_a_space_in_it_is_refused_not_left_to_never_match():
    from assistant.language import compile_phrases

    # "that's|that is the result" reads "that's is the result" or "that is the result": the contraction's
    # own wording was lost, and nothing said so
    for phrase, reading in (("that's|that is the result", "that's is"), ("thats|that is the result", "thats is"),
                            ("so it could not|couldn't|would not", "couldn't not"), ("i'd|i would", "i'd would")):
        with pytest.raises(ValueError) as refused:
            compile_phrases([phrase], "[result] cues")
        assert f'"{reading}"' in str(refused.value) and "[result] cues" in str(refused.value), phrase
    # one word per alternative, contractions beside other words, and "we'd had" (we had had) are all fine
    ok = compile_phrases(["that's|thats the result", "that is|was the result", "the best we'd had", "so it couldn't|wouldn't"], "t")
    assert ok.search("so it wouldn't") and ok.search("that was the result") and ok.search("the best we'd had")
    # this stop's own slips: the same word offered in two neighbouring places is a multi-word choice written as one
    for phrase, word in (("i thought it was a mistake|a bad idea", "a"), ("went above him|his head|her head", "head"),
                         ("i asked for a meeting|a one to one|time", "a"), ("was wrong|the wrong", "wrong")):
        with pytest.raises(ValueError) as refused:
            compile_phrases([phrase], "[backbone] close")
        assert f'"{word}"' in str(refused.value) and "neighbouring" in str(refused.value), phrase
    assert compile_phrases(["i thought it was a mistake", "went above his|her|their head"], "t").search("went above her head")


def test_recognizer_punctuation_tokens_are_not_words():
    a = analyse("I fixed it . . . .".split())
    assert a.tokens.tokens == ("i", "fixed", "it")


# --------------------------------------------------------------------------- units, amounts, spoken digits (story identity, debrief)


def test_spoken_halves_and_scaled_fractions_become_one_number():
    from assistant.language.numbers import number_spans, words_value

    nw = number_words()
    assert words_value(["four", "point", "two", "million"], nw) == pytest.approx(4.2e6)
    said = normalise_text("four and a half seconds, 4 and a half weeks, four point two million dollars").split()
    assert spoken_to_digits(said, nw) == ["4.5", "seconds", "4.5", "weeks", "4200000", "dollars"]
    # a relative word alone stays a word: "cut it in half" is not "cut it in 0.5 half"
    assert spoken_to_digits("cut it in half and doubled it".split(), nw) == ["cut", "it", "in", "half", "and", "doubled", "it"]
    # "and" joins number words only after a scale: "just under two, and two of our biggest practices"
    # is two numbers (fresh37's dental lab read "two and two" as one, a setup, and lost its result)
    assert [(x.t0, x.value) for x in number_spans("from six percent to just under two and two of our practices".split(), nw)] == [
        (1, 6.0), (6, 2.0), (8, 2.0)]
    assert [x.value for x in number_spans("two hundred and forty pounds".split(), nw)] == [240.0]
    # "half a million" is half of the million (fresh36's data platform had it as "half" and a whole million)
    assert spoken_to_digits("saved half a million dollars".split(), nw) == ["saved", "500000", "dollars"]
    (span,) = number_spans("we saved half a million a year".split(), nw)
    assert span.value == pytest.approx(5e5) and span.unit == "a year"


def test_a_share_said_as_a_fraction_is_a_share_not_a_length_of_time():
    def read(text: str) -> list[tuple[str, float | None, str, bool]]:
        return [(q.text, q.value, q.unit, q.role == "duration") for q in analyse(text.split()).quantities]

    # "three quarters of callers" had read as three quarters of a year: a duration, no result
    assert read("After the change three quarters of callers got through first time .") == [("three quarters", 0.75, "", False)]
    assert read("two thirds of the stores used it") == [("two thirds", pytest.approx(2 / 3), "", False)]
    assert read("we saved three quarters of a million pounds") == [("three quarters of a million pounds", 750000.0, "pounds", False)]
    # quarters of a year stay quarters: which ones, a count no share is said as, or no "of"
    assert read("in the last two quarters of the year sales rose") == [("two quarters", 2.0, "quarters", True)]
    assert read("two quarters of growth") == [("two quarters", 2.0, "quarters", False)]
    assert read("it took three quarters") == [("three quarters", 3.0, "quarters", True)]
    # story identity and the debrief compare it as the percentage it is
    from assistant.language import number_words, spoken_to_digits

    assert spoken_to_digits("three quarters of callers".split(), number_words()) == ["75%", "of", "callers"]
    assert spoken_to_digits("two thirds of them".split(), number_words()) == ["66.7%", "of", "them"]


def test_a_part_said_against_its_whole_is_one_share():
    def read(text: str) -> list[tuple[str, float | None, str]]:
        return [(q.text, q.value, q.role) for q in analyse(text.split()).quantities]

    # "one in five to one in twenty" had read as three counts, 5, 1 and 20
    assert read("Returns fell from one in five to one in twenty .") == [("one in five", 0.2, "baseline"), ("one in twenty", 0.05, "result")]
    assert read("We went from 1 in 4 to 1 in 10 .") == [("1 in 4", 0.25, "baseline"), ("1 in 10", 0.1, "result")]
    (share,) = analyse("nine out of ten customers renewed".split()).quantities
    assert share.text == "nine out of ten" and share.value == pytest.approx(0.9)  # the whole's noun stays outside
    # a round whole, then the next count (fresh46's cheese returns, dev): "... and two of the bigger delis asked"
    said = "I trained them . Within six months returns were down to about one in three hundred and two of the bigger delis asked for more ."
    assert [(q.text, q.role) for q in analyse(said.split()).quantities][1:] == [("one in three hundred", "result"), ("two", "setup")]
    assert [q.text for q in analyse("one in two hundred and fifty orders failed".split()).quantities] == ["one in two hundred and fifty"]
    # a count of hours, and "nine times" with its unit, are not parts of a whole
    assert [q.value for q in analyse("two out of three hours".split()).quantities] == [2.0, 3.0]
    from assistant.language import number_words, spoken_to_digits

    assert spoken_to_digits("one in five calls dropped".split(), number_words()) == ["20%", "calls", "dropped"]


def test_per_cent_in_two_words_is_percent():
    # British spelling, and how typed answers often have it: the unit is kept, not dropped
    a = analyse("After the change complaints fell by twelve per cent and returns by 3 per-cent .".split())
    assert [(q.text, q.value, q.unit, q.role) for q in a.quantities] == [
        ("twelve per cent", 12.0, "percent", "result"), ("3 per-cent", 3.0, "percent", "result")]
    # "per" before anything else is still a rate or nothing
    assert [q.unit for q in analyse("we took eight per week".split()).quantities] == ["per week"]


def test_unit_words_share_one_unit_per_dimension():
    from assistant.language.numbers import digits_of, unit_of

    assert unit_of("sec") == unit_of("seconds") == unit_of("s")
    assert unit_of("%") == unit_of("percent") and unit_of("%").dim == "percent"
    assert unit_of("ms").factor == pytest.approx(0.001) and unit_of("weeks").singular == "week"
    assert unit_of("latency") is None
    assert digits_of("$4.2m") == ("$", 4.2, "m") and digits_of("600ms") == ("", 600.0, "ms") and digits_of("p99") is None


def test_rates_and_spoken_amounts():
    from assistant.language.numbers import rate_period, say_amount

    assert rate_period("a month for the team".split(), 0) == "month"
    assert rate_period("annualised".split(), 0) == "year"
    assert rate_period("for the team".split(), 0) is None
    assert rate_period(". a month".split(), 0, frozenset({"."})) is None
    nw = number_words()
    assert say_amount(4.2e6, nw) == "4.2 million" and say_amount(27000, nw) == "27 thousand" and say_amount(300, nw) == "300"


def test_words_split_with_capitals_kept_and_sentence_ends():
    from assistant.language.text import ends_sentence, split_word

    assert split_word("MerchantCo's,") == ["MerchantCo's"] and split_word("Re-validated") == ["Re", "validated"]
    assert [p.lower() for p in split_word("\u201cOwner\u2019s\u201d")] == normalise("\u201cOwner\u2019s\u201d")
    assert ends_sentence("seconds.") and ends_sentence('done."') and ends_sentence("why?")
    assert not ends_sentence("latency,") and not ends_sentence("1.4")


def test_remembered_rule_steps_read_words_as_the_full_pipeline_does():
    # parse() runs the attribute ruler and lemmatizer once per (word, tag, relation);
    # the readings must match spaCy's full pipeline on real answers
    from assistant.language.clauses import load_parser, parse

    text = ("I had spent two weeks instrumenting it and was confident it would not handle the load. "
            "we'd been under pressure so i rewrote the script and the team had noticed the drift")
    full, fast = load_parser()(text), parse(text)
    assert [(t.lemma_, t.pos_, t.dep_) for t in full] == [(t.lemma_, t.pos_, t.dep_) for t in fast]


# --------------------------------------------------------------------------- fixes from the third fresh dev batch


def test_the_candidates_own_step_gives_the_scope_unless_its_verb_says_what_changed():
    # guide: "Quantify the Result" -- "I went out with four drivers" is how the work was done
    story = "Our depots were twenty miles apart. I built a routing model. "
    r = roles(story + "I also went out with four drivers from each depot to see the routes.")
    assert r["four drivers"] == "setup"
    r = roles(story + "I stayed late on the last three evenings to chase the replies.")
    assert r["three evenings"] != "result"
    r = roles(story + "Then I cut our fuel bill by 30% in the first quarter.")
    assert r["30%"] == "result"


def test_what_changed_after_the_candidates_step_in_run_on_speech_is_the_result():
    # recognizer text, one run-on sentence: the parser hangs "mobile conversion" on "shipped"
    # and leaves "went up" without a subject; it is the outcome, not the candidate's next step
    text = (
        "last year i noticed our checkout page was slow for mobile customers and nobody owned it i traced the delay "
        "to a fraud scoring call and i rewrote it to run in parallel i shipped it behind a flag and mobile conversion "
        "went up one point one percent worth about four million dollars a year since then i always segment latency by device"
    )
    r = roles(text)
    assert r["four million dollars"] == "result" and list(r.values()).count("setup") == 0, r
    # a step listed after the candidate's own is still their step: "... and trained four pickers"
    r = roles("Our depot was behind. I rebuilt the rota myself and trained four senior pickers as floor leads.")
    assert r["four"] == "setup", r


def test_work_handed_to_others_gives_the_scope_of_the_request():
    r = roles("Pumps kept going missing. I decided to take it on and I counted the pumps myself every morning. "
              "Then I assigned two of the senior nurses to write a return procedure for the wards.")
    assert r["two"] == "setup"


def test_none_of_a_group_is_a_counted_outcome():
    a = analyse(("I moved her into a side room straight away and put the bay on enhanced cleaning. "
                 "The test came back positive. None of the other four patients in the bay caught it.").split())
    (q,) = [q for q in a.quantities if q.text == "four patients"]
    assert q.role == "result" and q.outcome
    setup = analyse("None of the four pharmacists had run a clinic before, so I trained two of our staff myself.".split())
    assert not any(q.outcome for q in setup.quantities)


def test_which_week_or_night_is_not_an_amount():
    assert roles("In the third week finance told us two reports were missing.").get("third") is None
    assert "one night" not in roles("One night the label printer jammed and I fixed it.")


def test_a_count_after_the_names_things_again_but_none_of_them_or_all_but_some_is_counted():
    def again(text: str) -> dict[str, bool]:
        return {q.text: q.named_again for q in analyse(text.split()).quantities if q.role == "result"}

    assert again("I fixed the rota and I rang every site. The site went down in March. "
                 "Afterwards the two engineers told me that I had been right.") == {"two engineers": True}
    assert again("I rebuilt the schedule myself and I briefed every driver. "
                 "In the end none of the twenty two thousand parts came back.") == {"twenty two thousand": False}
    assert again("I clamped the points myself and I kept working on the fault. All but four of the morning trains ran to time.") == {"four": False}
    # an amount after "the" is still measured
    assert again("I changed the supplier and I moved the stock. It cut the bill by the 40 percent we had hoped for.") == {"40 percent": False}


def test_how_long_it_took_is_a_duration_even_before_a_gain_word():
    # fresh7's phonics groups: "It took about two years before it really showed" is how long, not a gain
    r = roles("I set up a phonics group four days a week and trained two parent volunteers. "
              "It took about two years before it really showed.")
    assert r["two years"] == "duration"
    # ... while a finish two weeks before the deadline is what was gained
    assert roles("I rebuilt the plan and split the work. We finished two weeks before the deadline.")["two weeks"] == "result"
    # fresh80's grain dryer (fifteenth round, blind): the length of each shift is the effort the work took
    r = roles("I fitted the burner and I got the board to agree we'd run the dryer through the night, which meant me and two "
              "others doing twelve hour shifts for about eleven days.")
    assert r["twelve hour"] == "duration"
    assert roles("I rebuilt the rota, and by the spring the wait was down to twelve hours.")["twelve hours"] == "result"


def test_a_share_said_as_a_fraction_is_an_amount_and_the_fifth_week_is_not():
    r = roles("I bought a card reader for thirty pounds and put a sign up on the stall. "
              "Within a month card payments were about a fifth of our takings.")
    assert r.get("fifth") == "result"
    assert roles("In the fifth week I moved the stall and our fifth market opened.").get("fifth") is None
    # a count of some of the story's things stays a count: "two of our drivers"
    assert roles("I trained the crews and later two of our drivers left.").get("two") == "setup"


def test_a_would_in_an_earlier_sentence_does_not_make_a_real_number_hypothetical():
    # "if the candidate keeps drifting hypothetical": only the drifting sentence is hypothetical
    r = roles("I planned the cutover and I ran it myself. I would normally test it twice, but there wasn't time. "
              "We finished the migration four days late instead of three weeks late.")
    assert r["four days"] == "result" and r["three weeks"] == "counterfactual"


def test_a_state_is_not_the_first_action_so_earlier_background_numbers_are_setup():
    r = roles("I was a senior developer on a reporting product. Their account had grown to forty million rows and the page timed out. "
              "I wrote a pre-aggregation job and rewrote the queries, and load times fell to 2 seconds.")
    assert r["forty million rows"] == "setup" and r["2 seconds"] == "result"


def test_some_of_the_storys_things_are_no_result_without_an_outcome_verb():
    # "two of the reports they relied on were missing" names which ones; "two percent of the year
    # before" is an amount; "nine of the ten stores hit their target" says what changed
    r = roles("I led the migration and I planned it as a two-week job. In the third week finance told us that "
              "two of the reports they relied on were missing from my plan.")
    assert r["two"] == "setup"
    r = roles("I retrained the staff and I moved the display myself. Afternoon sales held within two percent of the year before.")
    assert r["two percent"] == "result"
    # fresh73's ward manager (thirteenth round, blind): "all thirty four of our staff were on it" is every one of them
    r = roles("i set up the ward channel myself and i did a ten minute session at each handover for a week and by the end of the "
              "month all thirty four of our staff were on it")
    assert r["thirty four"] == "result"


def test_a_past_perfect_number_early_in_the_answer_is_background():
    r = roles("I noticed one retailer's dashboard was timing out and I pulled their query logs myself. "
              "Their account had grown to forty million rows over the year. I wrote a pre-aggregation job, I rewrote the queries "
              "and load times fell to 2 seconds.")
    assert r["forty million rows"] == "setup" and r["2 seconds"] == "result"
    r = roles("The deadline moved, so I moved the confirmations to email, I phoned the families who did not answer and I chased "
              "the last replies myself. By the end of the month complaints from families had fallen by 40% on last year.")
    assert r["40%"] == "result"


def test_a_reason_a_raised_point_and_a_misread_subject_are_no_result():
    # "because two people on the team were in a later time zone" says why
    r = roles("I raised it in our one to one and I suggested alternating days. She kept the afternoon slot "
              "because two people on the team were in a later time zone.")
    assert r["two people"] == "setup"
    # "I raised it in three code reviews": raising a point is the candidate's step, not a change
    r = roles("I disagreed with the style and I wrote a short doc. I raised it in three code reviews before he decided.")
    assert r["three"] == "setup"
    # the parser may carry "I" over to "fell"; the number is what fell
    a = analyse(("i listened to forty calls myself and i rewrote the script and i called back everyone who had switched "
                 "and waived the fees and complaints about the tariff fell to almost zero within a month").split())
    (q,) = [q for q in a.quantities if q.text == "zero"]
    assert q.role == "result"


def test_the_candidates_own_result_verbs_keep_their_number():
    r = roles("My target was four hundred thousand dollars. I called my old customers again and closed a big deal "
              "in the last week. I ended at five hundred and twenty thousand, which was 130% of target.")
    assert r["five hundred and twenty thousand"] == "result"


def test_money_the_candidate_raised_is_a_result_and_where_a_step_was_done_is_its_scope():
    r = roles("The hospice had no budget for the appeal. I wrote the letters and I called the local businesses myself. "
              "Then I raised £12,000 in six weeks.")
    assert r["£12,000"] == "result"
    r = roles("Our energy bill was too high. I mapped the meters and I rewrote the heating schedules myself. "
              "Then I cut costs across four sites by 18%.")
    assert r["four"] == "setup" and r["18%"] == "result"


def test_a_belief_in_the_next_sentence_does_not_make_the_result_an_estimate():
    # "the seven percent I conceded" is an estimate; "... down 90%. I think the key was ..." is not
    r = roles("I planned the cutover and I wrote the scripts myself. Invoices went out correctly, with errors down 90%. "
              "I think the key was planning ahead.")
    assert r["90%"] == "result"
    assert roles("We agreed on the seven percent I conceded in the meeting.")["seven percent"] == "estimate"
    # ... nor does one joined on in the same sentence (fresh38's data bill, dev)
    r = roles("I built the models. Our monthly data bill went from about three thousand dollars to five thousand, "
              "but I think it was worth it.")
    assert r["five thousand"] == "result"


def test_a_reason_word_ending_the_last_sentence_gives_no_reason_to_the_next():
    # fresh27's bridges (dev): "... every month since. All twenty-six bridges are now inside their dates"
    r = roles("I went through the records and I did the seven overdue bridges over two weeks. After that I have "
              "updated it every month since. All twenty-six bridges are now inside their inspection dates.")
    assert r["twenty-six"] == "result"
    assert roles("I rebuilt the rota myself. I kept the slot since two people on the team were in a later time zone.")["two people"] == "setup"
    # ... and "has since" is since then, not because (fresh22's migration check, dev)
    r = roles("I fixed the reminder myself. I added a check to our pipeline, and it has since stopped three other migrations "
              "with the same problem.")
    assert r["three"] == "result"


def test_a_target_said_as_what_it_was_is_no_result():
    # fresh46's removals firm and on-call team (dev): the figure aimed at, said as the target's own clause
    assert roles("I hired four vans myself. The target going in was to honour at least ninety five percent of the "
                 "bookings.")["ninety five percent"] == "estimate"
    assert roles("I set up the rota. The target I set with the team was fewer than five pages a week.")["five pages"] == "estimate"
    assert roles("I set up the rota. We hit our target of 95 percent.")["95 percent"] == "result"
    # fresh76's council (blind): the change's own "by" is inside the target ("The target we set was to cut calls by a third")
    assert roles("I wrote the form. The target we set was to cut phone calls by a third.")["third"] == "estimate"
    assert roles("I wrote the form. The target was missed, and by June calls were down by a third.")["third"] != "estimate"
    # fresh80's accommodation office and adult college (fifteenth round, blind): the end of the change the target names is
    # in it with its start, and an estimate said as what it was is no result either
    r = roles("I set up the online form. Our target was to get the average repair time down from 6 weeks to 2.")
    assert r["6 weeks"] == "estimate" and r["2"] == "estimate"
    assert roles("I set up the online form. By March the average repair time was down from 6 weeks to 2.")["2"] == "result"
    assert roles("I wrote the proposal and I modelled the numbers, and my estimate was something like four hundred extra "
                 "enrolments in the first year.")["four hundred"] == "estimate"
    assert roles("I wrote the proposal and ran the workshops. We beat the estimate of four hundred extra "
                 "enrolments.")["four hundred"] == "result"
    # fresh82's credit analyst (fifteenth round, blind): the candidate's own valuation said as a phrase, no estimating verb
    r = roles("I took my paper to the chief risk officer and she stopped it. Over the next year defaults went up sharply, and "
              "by my estimate we avoided roughly £3 million of losses.")
    assert r["£3 million"] == "estimate"
    assert roles("I took my paper to the chief risk officer and she stopped it. Over the next year defaults went up sharply, "
                 "and we avoided roughly £3 million of losses.")["£3 million"] == "result"
    # "number two cold room" is a name (fresh44's florist, dev)
    assert roles("I put loggers in both rooms and they showed number two cold room was going up to nine degrees.")["two"] == "setup"


def test_a_bare_hour_after_before_or_until_is_a_time_of_day():
    # fresh29's service desk (dev): "calls before nine" is when, not how many
    r = roles("I read the call data myself and found we hardly got any calls before nine, so I proposed staggered starts.")
    assert r["nine"] == "setup"
    assert roles("I rewrote the rota. After that the queue stood at nine most mornings.")["nine"] != "setup"


def test_half_three_and_going_on_air_at_ten_are_times_of_day_but_an_hour_set_against_another_is_a_change():
    # the eighth round (blind): "got the file to the printer at about half three", "we went on air at ten"
    # are when it happened; the labels give those answers no result number
    r = roles("I rebuilt the list myself and I got the file to the printer at about half three.")
    assert r["half"] == "setup" and r["three"] == "setup"
    assert roles("I rebuilt the maps myself. We went on air at ten and nothing came off air.")["ten"] == "setup"
    # ... but an hour against another is what changed (fresh31, dev), and "half a percent" is an amount
    changed = roles("I redid the rounds myself and after that my drivers were finishing at half five instead of eight.")
    assert changed["five"] != "setup"
    assert roles("I rebuilt the check. After that the return rate went from four percent to under half a percent.")["half"] != "setup"


def test_half_an_hour_is_one_length_of_time():
    a = analyse("I rang the depot and got the file there with half an hour to spare .".split())
    (q,) = [q for q in a.quantities if "half" in q.text]
    assert q.text == "half an hour" and q.value == 0.5 and q.unit == "hour"


def test_a_verb_spelled_as_its_past_under_a_present_condition_is_the_rule_it_states():
    # fresh60's RAF transport section (dev): "if nobody else will put their name on it, I put mine" closes a habit
    a = analyse("when something falls between desks , I write down whose it is , and if nobody else will put their name on it , I put mine .".split())
    (mine,) = [c for c in a.clauses if c.lemma == "put" and c.actor == "self"]
    assert mine.time == "present"
    # ... a condition told in the past leaves it a step of the story
    a = analyse("When the van broke down I put the parcels in my own car .".split())
    (step,) = [c for c in a.clauses if c.lemma == "put"]
    assert step.time == "past"


def test_a_name_given_a_wish_and_a_past_when_are_not_what_the_candidate_would_do():
    # the eighth round (blind): each of these warned past_tense as a drift into "what you would do"
    assert times("one of the group , I'll call him Dan , had gone quiet .")["call"] not in ("future", "hypothetical")
    assert times("I was quite shy , and I'd freeze when someone asked for a book .")["freeze"] == "past"
    assert times("I'd love to do that for someone else here .")["love"] not in ("future", "hypothetical")
    assert times("I said it straight , and I'd rather hear it from you first .")["hear"] not in ("future", "hypothetical")
    # ... while a plan stays a plan, and "would" with a present "when" is what the candidate would do
    assert times("I'll call him tomorrow .")["call"] == "future"
    assert times("I would call the customer when the order is late .")["call"] == "hypothetical"


def test_a_name_given_in_lower_case_and_every_season_with_we_d_are_not_what_the_candidate_would_do():
    # fresh73 (thirteenth round, blind): each of these warned past_tense as a drift into "what you would do"
    assert times("a picker on my team i'll call her jo had been one of our most reliable people")["call"] not in ("future", "hypothetical")
    assert times("every summer we'd get the same thing and people ring in with no water")["get"] == "past"
    assert times("Every Monday I'd walk the floor with the shift lead .")["walk"] == "past"
    # ... while a plan with a time stays a plan, and "I would" said in full every week is what the candidate would do
    assert times("I'll call them tomorrow .")["call"] == "future"
    assert times("every week i would meet them one to one")["meet"] == "hypothetical"


def test_how_the_teller_will_tell_it_said_as_the_answer_opens_is_an_aside():
    # fresh74 (thirteenth round, blind): STAR-template openers warned past_tense as a drift into "what you would do"
    assert times("Okay , I'll do situation , task , action , result . I managed six sales reps .")["do"] == "hedge"
    assert times("Sure . I'll use the STAR format . I was a senior engineer on payments .")["use"] == "hedge"
    # ... while a plan told later in the answer stays a plan
    later = ("I run the night shift at a parcel depot . The pickers on the night shift kept missing the second wave , the "
             "trailers left late most nights and the drivers were waiting around for an hour , so tonight "
             "I'll check the situation on site first and then I'll rewrite the wave plan")
    assert times(later)["check"] == "future"


def test_would_under_a_past_perfect_a_past_could_or_a_past_progressive_is_the_storys_future_in_the_past():
    # the ninth round (blind): each of these warned past_tense as a drift into "what you would do"
    assert times("I'd committed to the regional manager that we'd finish the block by March .")["finish"] == "reported"
    assert times("I told the manager myself as soon as I could see we'd miss it .")["miss"] == "reported"
    assert times("What I kept seeing was people asking if we'd be open tomorrow .")["be"] == "reported"
    assert times("and I'd put our hours where those things were , which meant we could often come in cheaper .")["come"] == "past"
    # ... while "would have" keeps its counterfactual, and a present "could" does not report
    assert times("I'd have committed to it if I had known .")["commit"] == "counterfactual"
    assert times("If I can see we'd miss it , I would tell the client .")["tell"] == "hypothetical"


def test_a_participle_spelled_as_its_base_form_in_a_comparison_is_had():
    # fresh62's sparkling water launch (dev): "lower than we'd forecast" is "than we had forecast"
    assert times("the first week the engagement was lower than we'd forecast , maybe half .")["forecast"] == "past_perfect"
    # ... while a base form under "would" elsewhere is still what would happen
    assert times("If we launched early , we'd forecast the demand from the pilot .")["forecast"] == "hypothetical"


def test_an_aside_a_past_habit_and_a_learned_lesson_are_not_what_the_candidate_would_do():
    assert times("And I'll be honest , part of the reason was the contract we lost .")["be"] not in ("future", "hypothetical")
    assert times("Before , I'd price on square footage , like everyone does .")["price"] == "past"
    assert times("what i learned from that is you should never be afraid to ask")["be"] not in ("future", "hypothetical")
    # ... while a plan, and "before" opening a condition, stay what the candidate would do
    assert times("I'll be in the office tomorrow .")["be"] == "future"
    assert times("Before I would do anything , I would check the logs .")["check"] == "hypothetical"


def test_irregular_past_forms_are_past():
    a, _ = clauses("i committed to it and i redrew the porter routes myself")
    (redrew,) = [c for c in a.clauses if a.tokens.words[c.verb] == "redrew"]
    assert redrew.time == "past"


def test_a_would_in_a_sentence_anchored_in_the_past_is_a_past_habit():
    # the labeling rules: past-story grammar passes; "if a parent complained, I would ..." stays hypothetical
    a, c = clauses("For the next month I would get in at five and I would walk the loading bays with the shift lead.")
    assert c["walk"].time == "past" and c["get"].time == "past"
    _, c = clauses("If a parent complained, I would call them that evening.")
    assert c["call"].time == "hypothetical"


def test_the_clause_reader_sees_each_tokens_children_as_spacy_does():
    # clauses.Kids reads the tree once per parse instead of calling Token.children per question
    from assistant.language.clauses import Kids, parse

    doc = parse(
        "My manager told me we had to move the cutover, so I asked Priya to check the logs and "
        "the errors were fixed by the team. I assigned the fix to Sam, which was about six thousand rows."
    )
    kids = Kids(doc)
    for tok in doc:
        assert [c.i for c in kids[tok.i]] == [c.i for c in tok.children]
        assert kids[tok.i] is kids[tok.i]  # made once, then read from the cache


def test_a_lexicon_compiles_the_same_way_in_every_run() -> None:
    # Equal-length phrases were left in set (hash) order, so which of two overlapping
    # phrases matched, and the evidence quoted, changed from one run to the next.
    import subprocess
    import sys

    script = (
        "from assistant.language import compile_phrases;"
        "print(compile_phrases(['told me we had', 'asked me to fix', 'we had to ship', 'told us we had', "
        "'my boss wanted', 'our vp told me', 'had me own the'], 'test').pattern)"
    )
    patterns = {
        subprocess.run([sys.executable, "-c", script], env={**os.environ, "PYTHONHASHSEED": str(seed)},
                       capture_output=True, text=True, check=True).stdout
        for seed in range(6)
    }
    assert len(patterns) == 1, patterns


def test_one_point_one_percent_is_a_decimal_and_at_one_point_is_not_a_number() -> None:
    # The feedback quoted "went up one point one percent" back as "one percent".
    said = analyse("i shipped it behind a flag and mobile conversion went up one point one percent".split()).quantities
    assert [(q.text, q.value, q.role) for q in said] == [("one point one percent", 1.1, "result")]
    quantities = analyse("at one point two engineers left the project".split()).quantities
    assert [q.value for q in quantities] in ([], [2.0]), [(q.text, q.value) for q in quantities]


def test_a_hedged_estimate_a_time_of_day_and_a_dated_step_are_no_result() -> None:
    r = roles("I rang three hire companies and I moved the stock into the ice machines. The generator arrived and the "
              "power didn't come back until after eleven that night. I'd estimate we saved around six thousand pounds of stock.")
    assert r["eleven"] == "setup"
    assert r["six thousand pounds"] == "estimate"
    r = roles("I mapped every step and I re-tested the records myself each evening. "
              "Two weeks before the deadline I found that the visa numbers weren't carrying across.")
    assert r["Two weeks"] != "result"


def test_a_number_in_the_candidates_decided_step_is_its_scope_not_a_change() -> None:
    # "decided to open four more tills": "to" is the infinitive, not "dropped to 4%"
    r = roles("The queues got very long and my manager was off. I decided to open four more tills straight away "
              "and I pulled staff off shelf-filling to run them.")
    assert r["four"] == "setup"


def test_a_budget_or_a_team_size_is_setup_not_the_result() -> None:
    r = roles("i rang three flooring firms myself and the whole job had a budget of about twelve thousand pounds "
              "and there were five of us doing the setting up")
    assert r["twelve thousand pounds"] == "setup" and r["five"] == "setup"
    assert roles("I led a team of six and complaints fell by 30%.")["30%"] == "result"


def test_a_number_written_with_a_hyphen_is_a_number_not_a_description() -> None:
    r = roles("Deadline-day tickets fell from four hundred and twelve to thirty-one.")
    assert r["thirty-one"] == "result"
    assert roles("We moved the pickers to eight-hour shifts and waits fell to 40 minutes.")["eight-hour"] == "setup"


def test_the_end_of_a_change_from_a_number_to_one_is_a_quantity() -> None:
    r = roles("I ran mock services with him every week and I promoted him. That year our kitchen went from five leavers to one.")
    assert r.get("one") == "result" and r["five"] == "baseline"


def test_a_share_of_ones_own_time_and_a_number_inside_a_target_are_no_result():
    # fresh19's form redesign and fresh20's on-call rota (blind): effort and a target read as the result
    story = ("I went through every field with the underwriters and I redesigned the flow so the property questions were "
             "pre-filled, and I built it over two sprints. ")
    r = roles(story + "By the end I'd spent roughly seventy percent of my time on it and customers found it quicker.")
    assert r["seventy percent"] == "setup"
    assert roles(story + "By the end quote completions were up seventy percent.")["seventy percent"] == "result"
    target = ("I sat with each of the eleven engineers and I sorted three months of pages myself. We set ourselves a "
              "target of getting on-call out of the top three reasons for leaving, and the team says it feels better.")
    assert roles(target)["three"] == "estimate"
    # fresh31's donations platform (blind): words between the target and its "of"
    aimed = ("I built the direct debit integration myself and ran the pilot. I set a target with the board of getting a "
             "third of our donations onto monthly plans.")
    assert roles(aimed)["third"] == "estimate"
    met = ("I sat with each of the eleven engineers and I sorted three months of pages myself. By the spring we hit our "
           "target of ninety percent of pages answered within five minutes.")
    assert roles(met)["ninety percent"] == "result"


def test_a_forecast_told_after_the_work_is_an_estimate_whoever_makes_it():
    # fresh25's markdown engine and fresh26's council form: a projection said last read as the result
    story = ("I learned to use a screen reader myself, I tested every step of the form and I rebuilt the address lookup. "
             "She completed it on her own for the first time. ")
    r = roles(story + "Our service manager estimates about two thousand more residents a year will be able to apply online.")
    assert r["two thousand"] == "estimate"
    r = roles(story + "My model forecasts about three million pounds a year less waste once it's in every store.")
    assert r["three million pounds"] == "estimate"
    # the "will" said inside the estimate reaches the whole of it (fresh28's school meals, blind)
    r = roles(story + "The council estimates that it will take nine tonnes of plastic a year out of school bins once a "
              "full year has gone through, and save about eleven thousand pounds in packaging.")
    assert r["eleven thousand pounds"] == "estimate"
    # what is expected now has not happened yet (fresh36's data platform, approved but not built)
    r = roles(story + "We expect it to cut the time to build a report from weeks to days and to save around five hundred "
              "thousand pounds a year.")
    assert r["five hundred thousand pounds"] == "estimate"
    # a valuation of what did happen stays the result
    valued = roles(story + "Finance estimated it saved about two thousand calls a year.")
    assert valued["two thousand calls"] == "result"
    assert roles(story + "About two thousand more residents a year now apply online.")["two thousand"] == "result"


def test_a_forecast_written_without_its_apostrophe_is_still_a_forecast():
    # fresh59's biomass barn (dev): a recognizer writes "it'll" as "itll"; the saving still to come was read
    # as what had happened
    story = ("so i rigged a heat exchanger off the return loop and dried the chip in the old barn and we went to buying "
             "wet chip its only been going since may but the finance lady reckons {} save around forty thousand a year")
    assert roles(story.format("itll"))["forty thousand a year"] != "result"
    assert roles(story.format("it will"))["forty thousand a year"] != "result"
    a, by_lemma = clauses("theyll come back next week")
    assert by_lemma["come"].time == "future"


def test_a_hedged_or_held_opinion_over_the_number_is_an_estimate():
    # fresh54's repeat prescriptions (dev): "i would estimate it saves ..." told after past steps was read as
    # reported speech, so its number stayed the result; another's opinion held now is no measurement either
    story = "i mapped the process myself and i moved the requests online and i rang the patients over seventy myself "
    r = roles(story + "and i would estimate it saves the reception team ten hours a week")
    assert r["ten hours"] == "estimate"
    r = roles(story + "and the pharmacist thinks errors are probably down by half although we havent measured that")
    assert r["half"] == "estimate"
    assert roles(story + "and the practice manager reckons we saved about ten hours a week")["ten hours"] == "estimate"
    # ... said in the past, somebody's valuation is of what happened; said plainly, it is the result
    assert roles(story + "and the practice manager estimated we saved about ten hours a week")["ten hours"] == "result"
    assert roles(story + "and errors went down by half")["half"] == "result"


def test_a_level_said_as_back_to_is_a_change_told():
    # fresh62's payments incident (dev): "the error rate was back to point one percent" followed by the
    # write-up was read as neither an outcome nor the result
    a = analyse(("i rolled the config back myself and i watched the graphs and within about twelve minutes the error rate "
                 "was back to point one percent then i wrote it up in the incident channel").split())
    assert [q.outcome for q in a.quantities if q.text == "point one percent"] == [True]
    a = analyse("i rolled the config back myself and the error rate was point one percent".split())
    assert [q.outcome for q in a.quantities if q.text == "point one percent"] == [False]


def test_a_verb_spelled_as_its_past_joined_to_a_present_one_shares_its_time():
    # fresh62's title company (dev): "I measure it and put the causes on a page" closed the answer as a
    # habit, but "put" was read as a past step, so the sentence was the story and no reflection was found
    a, by_lemma = clauses("What I took with me is that when a team tells me an error rate is normal, I measure it and put "
                          "the causes on a page before anyone argues about it.")
    assert by_lemma["put"].time == "present"
    a, by_lemma = clauses("I measured it and put the causes on a page.")
    assert by_lemma["put"].time == "past"


def test_indian_amounts_are_read_as_amounts():
    # fresh62's Hyderabad accounting firm (dev): "₹18 lakh" was no number at all; lakh and crore are scales,
    # "1,50,000" is India's grouping of a hundred and fifty thousand
    a = analyse("it saved around ₹18 lakh in the first year and two crore rupees by the third and ₹1,50,000 a month".split())
    assert [(q.text, q.value) for q in a.quantities] == [("₹18 lakh", 1_800_000), ("two crore rupees", 20_000_000),
                                                         ("₹1,50,000 a month", 150_000)]


def test_a_thought_that_takes_a_clause_after_the_number_is_not_whose_figure_it_was():
    # fresh62's events tool (dev): in unpunctuated speech the closing "i think looking back i learned ..." followed
    # the result's number and made it the candidate's estimate
    r = roles("i set up all our events myself and the trade shows brought in about four hundred leads i think i learned "
              "that you have to pick your battles")
    assert r["four hundred"] == "result"
    # ... while the figure a clause after it owns stays that clause's: "the seven percent I conceded"
    assert roles("i set up all our events myself and i gave up the seven percent i conceded")["seven percent"] == "estimate"


def test_a_bare_hour_said_with_the_part_of_the_day_is_a_time_of_day():
    # fresh20's staging scheduler (blind): "shut it down at seven in the evening" was read as the result
    text = ("I went through the usage logs myself and I wrote a scheduler that shut each staging environment down at seven "
            "in the evening and brought it back at seven in the morning, and the finance team was pleased.")
    r = analyse(text.split())
    assert [q.role for q in r.quantities if q.text == "seven"] == ["setup", "setup"]
    measured = ("I went through the usage logs myself and I wrote a scheduler, and after that the environments ran "
                "four hours in the morning instead of all night.")
    assert roles(measured)["four hours"] != "setup"


def test_a_phrasal_verbs_up_and_a_number_naming_a_thing_are_no_result():
    # fresh21's waste depot and fresh22's mobile developer (blind): effort and a product version read as the result
    steps = "I rebuilt the round plan myself and I rang every crew leader and I drove the first route. "
    assert roles(steps + "I gave up two full weekends for it and the backlog cleared.")["two full weekends"] == "setup"
    assert roles(steps + "After that missed bins went up two percent less than last winter.")["two percent"] == "result"
    version = ("I read every review myself and I reproduced the bug on two phones, and it was mostly older phones on android "
               "nine and ten, so I rewrote the login check and complaints stopped.")
    r = analyse(version.split())
    named = {q.text: q.role for q in r.quantities}
    assert named.get("nine") == "setup" and named.get("ten") == "setup"
    assert roles(steps + "After that the wait went down to level two.")["two"] == "result"


# a story told in the historic present (fresh57's six additional-language speakers, blind: each read as
# no past action at all) is the past it tells; an answer of "would" is still what might be
HISTORIC = ("I am supervisor in a small bakery. The owner wants to stop the early delivery because the drivers are "
            "tired. But I look at the orders and I see the early slot is always full. So I go to the owner and I say, "
            "the cafes need the bread before seven. He says we cannot pay more. So I make a new route myself and I take "
            "the first van two days a week. In the end we keep all eleven cafes.")


def test_a_story_told_in_the_historic_present_is_read_as_its_past():
    a = analyse(HISTORIC.split())
    mine = {c.lemma: c.time for c in a.clauses if c.actor == "self"}
    assert mine["look"] == mine["make"] == mine["take"] == "past" and "present" not in mine.values(), mine


def test_present_tense_framed_by_would_is_not_a_historic_present():
    text = ("I would look at the orders first and I would see if the early slot is full. Then I go to the owner and I "
            "say the cafes need the bread. I make a new route and I take the first van myself.")
    mine = {c.lemma: c.time for c in analyse(text.split()).clauses if c.actor == "self"}
    assert mine["go"] == "present" and mine["look"] == "hypothetical", mine


def test_what_i_do_now_is_a_verb_is_the_candidates_own_habit():
    # fresh69's underwriter (eleventh round, blind): "What I do differently now is read a sample of declines every month"
    # -- the doer of the pseudo-cleft's "do" does the verb, and "is read" is its copula, not a passive
    a = analyse("It went live in the spring. What I do differently now is read a sample of declines every month.".split())
    read = next(c for c in a.clauses if c.lemma == "read")
    assert read.actor == "self" and not read.passive and read.time == "habitual", read


def test_the_story_the_teller_would_point_to_is_an_aside_not_a_plan():
    # fresh69's payments director (eleventh round, blind): "The decision I'd point to is when I was director ..."
    assert times("The decision I'd point to is when I was director of payments operations.")["point"] == "hedge"
    # ... while pointing someone somewhere is what the candidate would do
    assert times("If a customer rang I'd point them to the new page.")["point"] == "hypothetical"


def test_a_past_participle_spelled_as_its_base_joined_to_a_had_is_past_perfect():
    # fresh69's payments director (eleventh round, blind): "the repair rate had fallen ..., we'd cut the repair team from forty
    # people to twenty-five, and complaints had dropped by half"
    t = times("By the end of the second year the repair rate had fallen to under two, we'd cut the repair team from forty "
              "people to twenty-five, and complaints had dropped by half.")
    assert t["cut"] == "past_perfect", t
    # ... while "we'd cut" beside nothing told with "had" is what would happen
    assert times("If the rate fell we'd cut the repair team to twenty-five and we'd move the rest.")["cut"] == "hypothetical"


def test_a_time_said_with_in_after_finishing_is_how_long_the_work_took():
    # fresh16's road crew (dev) and fresh67's billing migration (tenth round, blind): "we had it all finished in about seven
    # weeks", "We finished the prepaid move in about three weeks" -- a duration of the work, not a result
    a = analyse("We finished the prepaid move in about three weeks, without a major incident.".split())
    assert [q.role for q in a.quantities] == ["duration"], a.quantities
    # ... while a time that changed is still the result
    a = analyse("After the fix the queue wait fell to about three weeks.".split())
    assert [q.role for q in a.quantities] == ["result"], a.quantities


def test_how_long_something_continued_is_a_duration():
    # fresh83's growers' cooperative (fifteenth round, blind): "the strike continued almost two weeks" is how long the
    # strike went on, not what the candidate's call changed (the labelling rules: a duration is no quantified result)
    r = roles("I booked ferry space for the trailers that same night. The strike continued almost two weeks. "
              "Our product arrived in good condition and the supermarkets kept our orders.")
    assert r["two weeks"] == "duration"
    # ... while a time said as the change is still the result
    assert roles("I booked ferry space that night. Delivery times dropped to two days.")["two days"] == "result"


def test_a_time_ago_ending_its_sentence_is_no_time_gained():
    # fresh83's site engineer (fifteenth round, blind): "the new one the client issued two months before." says how long
    # ago, not a finish ahead of a deadline
    r = roles("I had taken the benchmark from the old survey, not the new one the client issued two months before. "
              "She was right.")
    assert r["two months"] == "duration"
    assert roles("I rebuilt the plan and split the work. We finished two weeks before the deadline.")["two weeks"] == "result"


def test_a_target_named_again_and_not_reached_is_no_result():
    # fresh85's school software rollout (sixteenth round, blind): "We never quite hit the forty by September" names the
    # plan's forty again, not reached (the labelling rules: a target never reached is no quantified result)
    text = "The plan was to have all forty schools live by September. We never quite hit the forty by September."
    assert [q.named_again for q in analyse(text.split()).quantities if q.t0 > 8] == [True]
    # ... while the forty reached is what changed
    assert [q.named_again for q in analyse(text.replace("never quite hit", "hit").split()).quantities if q.t0 > 8] == [False]


def test_weather_arriving_at_an_hour_is_a_time_of_day():
    # fresh85's airline duty manager (sixteenth round, blind): "The storm came in at seven." says when, not how many
    r = roles("I moved the last two rotations forward rather than cancelling them. The storm came in at seven. "
              "The early rotations got away and came back before it hit.")
    assert r["seven"] == "setup"
    assert roles("I rebuilt the roster. Complaints came in at seven a week instead of thirty.")["seven a week"] != "setup"


def test_a_rating_joined_by_a_hyphen_is_still_the_measure():
    # fresh85's wedding venue (sixteenth round, blind): "a five-star review" is the rating the result is told in, unlike
    # "eight-hour shifts", which describe the work
    r = roles("I refunded the deposit and kept in touch every week. They stayed, and the mother later wrote us a five-star review.")
    assert r["five-star"] == "result"
    assert roles("I covered eight-hour shifts for a month. Complaints fell.")["eight-hour"] == "setup"


def test_a_periods_close_counted_is_no_length_of_time():
    # fresh86's hospital accountant (sixteenth round, blind): "The next four month-ends went out with no errors" counts
    # closings, not four months of time (the labelling rules: a duration of the work is no result; this is not one)
    q = next(q for q in analyse("I sat with him for two afternoons. The next four month-ends went out with no errors.".split()).quantities
             if q.value == 4)
    assert q.unit == "month ends" and q.role == "result", q
    assert roles("I sat with him for two afternoons. The next four months went smoothly.")["four months"] == "duration"


def test_a_number_set_against_another_is_what_changed():
    # fresh86's staff nurse (sixteenth round, blind): "I had zero handover incidents, against three on the ward the quarter
    # before" is the result of her new handover, though "had" is her own verb (guide: "Quantify the Result")
    r = roles("Since then I always do handover at the bedside. Over the next six months I had zero handover incidents, "
              "against three on the ward the quarter before.")
    assert r["zero"] == "result"
    # ... while the candidate's own count with nothing set against it is the scope of the work
    assert roles("I had twenty eight patients that night and I checked every chart.")["twenty eight patients"] == "setup"


def test_a_year_said_aloud_and_two_numbers_in_a_row_are_not_one_sum():
    # fresh89 (seventeenth round, blind): "by twenty twenty five" is the year 2025, not a result of 45; "you want fourteen
    # fifteen" (percent moisture) is two numbers, not 29
    assert roles("the target we set was to be the top charging site by twenty twenty five and the hub opened last year") == {}
    assert list(roles("in nineteen ninety eight we sold twenty one cars")) == ["twenty one"]
    assert [q.value for q in analyse("the wheat was at sixteen percent and you want fourteen fifteen".split()).quantities] == [16, 14, 15]
    # ... while one number said in words still adds up
    assert [q.value for q in analyse("two hundred and twenty five people and sixty two percent".split()).quantities] == [225, 62]


def test_a_third_party_and_a_year_group_are_names_not_amounts():
    # fresh89's car-sharing engineer and classroom block (dev): "a third party" is no fraction, "Year 7" no measure,
    # and "a hundred and twenty Year 7 pupils" is 120 pupils, not 120 years
    a = analyse("i never accept a success code from a third party as proof".split())
    assert a.quantities == ()
    q = {x.text: x for x in analyse("they had an extra hundred and twenty year 7 pupils coming in and the new year 7s "
                                    "started in proper classrooms".split()).quantities}
    assert q["hundred and twenty"].unit == "" and q["7s"].role == "setup"
    # ... but the calendar's year before a number is no name: "we closed the year four days early"
    assert roles("I set up a daily stand up with each entity. We closed the year four days early.")["four days"] == "result"


def test_how_late_things_stood_before_the_first_step_is_the_situation():
    # fresh89's classroom block (dev): "In May we were about five weeks behind" is where the story began, not a time lost
    r = roles("I was site manager on a new classroom block for a school. In May we were about five weeks behind because a "
              "steel delivery came three weeks late. I re planned the whole programme and I brought in a second gang.")
    assert r["five weeks"] == "setup" and r["three weeks"] == "setup"
    # ... while a time won after the steps is the result
    assert roles("I re planned the whole programme and I brought in a second gang and we handed over two weeks early.")["two weeks"] == "result"


def test_a_trials_size_is_what_the_test_ran_on_not_what_changed():
    # fresh89's gym chain (seventeenth round, blind): "a trial in twelve clubs" is the size of the test, the setup
    r = roles("I took it to the head of membership and argued for it. She agreed to a trial in twelve clubs. It went live "
              "in the spring and the angry emails mostly went away.")
    assert r["twelve"] == "setup"
    # ... while what the trial changed is still the result
    assert roles("I took it to the head of membership. She agreed to a trial in twelve clubs and after a month cancellations "
                 "there fell by thirty percent.")["thirty percent"] == "result"


def test_a_year_group_moved_to_is_still_a_name():
    # fresh90's head of Year Seven (seventeenth round, blind): "extend it to Year Eight" names where the scheme goes next,
    # not a change to eight
    r = roles("I trained the first group of sixth formers over the summer. The other heads of year asked to extend it to "
              "Year Eight this September.")
    assert r["Eight"] == "setup"


def test_a_title_made_with_head_is_the_manager():
    # fresh92's sous chef (eighteenth round, blind): "Our head chef" is whom a sous chef answers to, as "my manager" is
    _, c = clauses("Our head chef told me he was unhappy with the plates and he asked me to sort out the pass.")
    assert c["tell"].actor == "manager"
    # ... while a chef with no such title is anyone else
    _, c = clauses("Our pastry chef told me the plates were late.")
    assert c["tell"].actor == "other"


def test_a_rate_per_day_is_no_length_of_time():
    # fresh92's kiosk (dev): "three hundred a day" is counted per day, not a time
    r = roles("I moved the two staff back to the main cafe to open the hatch window and that actually took an extra three "
              "hundred a day over the rest of the summer")
    assert r["three hundred a day"] == "result"


def test_the_figures_an_estimate_says_are_the_estimate():
    # fresh94's seller tools engineer (eighteenth round, blind): "an estimate that it could cut ... in half and bring in
    # maybe 2 million dollars a year" are the proposal's figures, not what happened
    r = roles("I wrote a six-page proposal with the architecture and an estimate that it could cut seller onboarding time in "
              "half and bring in maybe 2 million dollars a year. I presented it to my director.")
    assert r["half"] == "estimate" and r["2 million dollars"] == "estimate"


def test_exams_the_candidate_passed_are_the_outcome():
    # fresh45 (dev): "I passed all three exams" is what the studying came to, an outcome of the candidate's own verb like
    # "I cut costs by 30%"
    assert roles("I studied every evening for a year. Over fourteen months I passed all three exams, and I rebuilt the "
                 "scorecard.")["three"] == "result"


def test_a_budget_said_with_a_hedge_is_still_the_setup():
    # fresh95's airline (eighteenth round, blind): "a budget of around four hundred thousand" is what the work had
    assert roles("I wrote the proposal and the board approved the first phase with a budget of around four hundred thousand "
                 "euros.")["four hundred thousand euros"] == "setup"
