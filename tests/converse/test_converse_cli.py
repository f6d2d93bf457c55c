"""`opsloop analyse` and `opsloop eval conversations` through the CLI."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from evals.conversations.metrics import classification_scores
from typer.testing import CliRunner

import opsloop.cli.converse  # noqa: F401  (registers the commands)
from opsloop.cli.common import app

INBOX = Path(__file__).resolve().parents[2] / "fixtures" / "inbox"
runner = CliRunner()


def test_analyse_file_json_contract() -> None:
    result = runner.invoke(app, ["analyse", str(INBOX / "chat-zendesk.json"), "--json"])
    assert result.exit_code == 0, result.output
    analysis = json.loads(result.stdout)
    assert analysis["sentiment"]["label"] in ("negative", "neutral", "positive")
    assert -1 <= analysis["sentiment"]["score"] <= 1
    assert analysis["trajectory"] in ("improving", "steady", "worsening")
    assert analysis["urgency"] in ("low", "medium", "high", "critical")
    assert analysis["intent"] == "refund"
    assert [m["id"] for m in analysis["messages"]] == ["1001", "1003", "1004", "1005"]
    assert {"label", "score", "signals"} <= set(analysis["messages"][0])
    assert all({"label", "message_ids", "phrases"} <= set(e) for e in analysis["evidence"])
    assert analysis["analysis_method"].startswith("offline:")


def test_analyse_lines_keeps_ids_and_reports_bad_lines() -> None:
    stdin = "\n".join(
        [
            json.dumps({"id": "a1", "text": "Thanks for nothing, my bag is lost"}),
            "",
            json.dumps({"id": 7, "text": "Danke, super Service!"}),
            "{broken",
            json.dumps({"id": "x"}),
        ]
    )
    result = runner.invoke(app, ["analyse", "--lines", "-"], input=stdin)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in rows] == ["a1", 7, None, "x"]
    assert rows[0]["label"] == "negative" and rows[1]["label"] == "positive"
    assert "error" in rows[2] and "error" in rows[3]


def test_analyse_lines_in_blocks_writes_what_line_by_line_writes() -> None:
    texts = ["Thanks for nothing, my bag is lost", "Danke, super Service!", "@united where is my refund?"]
    lines = []
    for i in range(11):
        lines.append(json.dumps({"id": i, "text": texts[i % 3]}) if i % 4 else "{broken")
        if i % 5 == 0:
            lines.append("")
    stdin = "\n".join(lines)
    outputs = {}
    for batch in ("1", "3", "256"):
        result = runner.invoke(app, ["analyse", "--lines", "-", "--batch", batch], input=stdin)
        assert result.exit_code == 0, result.output
        outputs[batch] = result.stdout
    assert outputs["1"] == outputs["3"] == outputs["256"]
    rows = [json.loads(line) for line in outputs["3"].splitlines()]
    assert [r.get("id") for r in rows] == [None if i % 4 == 0 else i for i in range(11)]
    assert [("error" in r) for r in rows] == [i % 4 == 0 for i in range(11)]


def test_analyse_refuses_a_file_that_is_not_a_transcript(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("shopping list: milk, eggs\n", encoding="utf-8")
    result = runner.invoke(app, ["analyse", str(path)])
    assert result.exit_code == 2
    assert "not a transcript" in result.output


def test_analyse_reports_the_line_of_a_malformed_transcript() -> None:
    path = Path(__file__).resolve().parent / "data" / "malformed-role.json"
    result = runner.invoke(app, ["analyse", str(path), "--json"])
    assert result.exit_code == 2
    assert "manager" in result.output


def test_eval_skips_cleanly_without_data(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    result = runner.invoke(
        app, ["eval", "conversations", "--data", str(tmp_path / "absent"), "--report", str(report)]
    )
    assert result.exit_code == 0, result.output
    assert "skipped" in result.output
    assert not report.exists()


def _small_chats(folder: Path) -> None:
    """A made-up, learnable data folder in the shared data's layout (no real data)."""
    rng = random.Random(7)
    fillers = ["today", "again", "now", "this morning", "tonight", "at the gate", "on my trip", "please"]
    templates = {
        "positive": [
            "@SkyAir thanks, great crew {}",
            "@SkyAir love the service {}",
            "@SkyAir awesome flight {}",
        ],
        "negative": ["@SkyAir flight delayed {}", "@SkyAir lost my bag {}", "@SkyAir worst service {}"],
        "neutral": [
            "@SkyAir what time is boarding {}",
            "@SkyAir is there wifi {}",
            "@SkyAir which terminal {}",
        ],
    }
    rows = [
        {
            "row": i,
            "airline": "Sky Air",
            "sentiment": label,
            "text": rng.choice(texts).format(rng.choice(fillers)) + f" {i}",
        }
        for i, (label, texts) in enumerate(list(templates.items()) * 40)
    ]
    tweets = folder / "airline_tweets"
    tweets.mkdir(parents=True)
    (tweets / "all_dev.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    (tweets / "eval_sample_dev.jsonl").write_text(
        "\n".join(json.dumps(r) for r in rows[:30]) + "\n", encoding="utf-8"
    )
    levels = {
        "high": "Urgent: the server is down for all users {}",
        "medium": "The report export shows an error {}",
        "low": "Question about changing my invoice address {}",
    }
    tickets = [
        {"subject": "Ticket", "body": text.format(rng.choice(fillers)), "priority": level, "language": "en"}
        for level, text in list(levels.items()) * 30
    ]
    folder_tickets = folder / "synthetic_it_tickets"
    folder_tickets.mkdir()
    (folder_tickets / "all_complete_rows.jsonl").write_text(
        "\n".join(json.dumps(t) for t in tickets) + "\n", encoding="utf-8"
    )


FAST = ["--no-reproduce", "--speed-messages", "50"]


def test_eval_cross_validates_the_model_on_a_small_data_folder(tmp_path: Path) -> None:
    _small_chats(tmp_path / "chats")
    report = tmp_path / "out" / "conversations.json"
    result = runner.invoke(
        app,
        ["eval", "conversations", "--data", str(tmp_path / "chats"), "--report", str(report), *FAST],
    )
    assert result.exit_code == 0, result.output
    written = json.loads(report.read_text(encoding="utf-8"))
    sample = written["sentiment"]["sets"]["eval_sample_dev"]
    whole = written["sentiment"]["sets"]["all_dev"]
    assert sample["rows"] == 30 and whole["rows"] == 120
    assert sample["scored_by_a_model_that_trained_on_the_same_text"] == 0
    assert whole["combined_cv"]["macro_f1"] >= 0.9  # a learnable set, scored on held-out folds
    assert {"combined_cv", "lexicon", "vader"} <= set(whole)
    assert len(written["sentiment"]["folds"]) == 5
    urgency = written["urgency"]["sets"]["english"]
    assert set(urgency["combined_cv"]["per_class"]) == {"high", "medium", "low"}
    assert written["speed"]["messages"] == 50
    assert "urgency" in result.output and "speed" in result.output


def test_classification_scores_known_answer() -> None:
    gold = ["negative", "negative", "neutral", "positive"]
    predicted = ["negative", "neutral", "neutral", "negative"]
    scores = classification_scores(gold, predicted, ("negative", "neutral", "positive"))
    assert scores["accuracy"] == 0.5
    # negative: P 1/2 R 1/2 F1 .5; neutral: P 1/2 R 1 F1 .6667; positive: 0
    assert scores["per_class"]["neutral"]["f1"] == 0.6667
    assert scores["macro_f1"] == round((0.5 + 0.6667 + 0) / 3, 4)
    assert scores["confusion"]["negative"] == {"negative": 1, "neutral": 1, "positive": 0}


def test_eval_outside_a_checkout_says_where_it_lives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["eval", "conversations", "--data", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "source checkout" in result.output and "Traceback" not in result.output
