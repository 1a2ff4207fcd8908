#!/usr/bin/env python3
"""End-to-end tests of carry-cli: JSON fields, exit codes 0/1/2, bad numbers and bad files.

Usage: cli_test.py CARRY_CLI [PREFIX...]
  e.g. cli_test.py build/src/cli/carry-cli
       cli_test.py node --no-experimental-fetch build-web/src/cli/carry-cli.js   (a command prefix)
Everything after the script name is the command that runs carry-cli.
"""
import json
import math
import os
import subprocess
import sys
import tempfile
import unittest

CLI = []


def run(*args, timeout=120):
    p = subprocess.run(CLI + [str(a) for a in args], capture_output=True, text=True, timeout=timeout)
    return p.returncode, p.stdout, p.stderr


def run_json(test, *args):
    code, out, err = run(*args, "--json")
    test.assertEqual(code, 0, f"exit {code}; stderr: {err}")
    try:
        return json.loads(out)  # the whole of stdout is one JSON object
    except json.JSONDecodeError as e:
        test.fail(f"stdout is not one JSON object ({e}): {out!r}")


class Train(unittest.TestCase):
    def test_json_fields_and_model_file(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "m.json")
            j = run_json(self, "train", "--seed", 3, "--out", path)
            for key in ("seed", "sequences", "seconds", "solved", "exact_accuracy_64"):
                self.assertIn(key, j)
            self.assertEqual(j["seed"], 3)
            self.assertTrue(j["solved"])
            self.assertEqual(j["exact_accuracy_64"], 1.0)
            self.assertGreater(j["sequences"], 0)
            with open(path) as f:
                model = json.load(f)
            self.assertEqual(model["format"], "carry-model")
            self.assertEqual(model["version"], 1)
            # The saved model is what add/eval/automaton use.
            a = run_json(self, "add", "1011", "110", "--model", path)
            self.assertTrue(a["correct"])
            e = run_json(self, "eval", "--model", path, "--bits", 64, "--count", 200)
            self.assertEqual(e["exact_accuracy"], 1.0)

    def test_same_seed_same_run(self):
        a = run_json(self, "train", "--seed", 5)
        b = run_json(self, "train", "--seed", 5)
        self.assertEqual(a["sequences"], b["sequences"])

    def test_resume_continues_the_run_bit_for_bit(self):
        # 600 sequences, saved, resumed to 1200: the weights of one uninterrupted run to 1200.
        with tempfile.TemporaryDirectory() as d:
            for extra in ([], ["--optimizer", "adam", "--lr", "0.05"]):
                path = os.path.join(d, "half.json")
                first = run_json(self, "train", "--seed", 1, "--max-sequences", 600, "--out", path, *extra)
                self.assertEqual(first["sequences"], 600)
                resumed = run_json(self, "train", "--resume", path, "--max-sequences", 1200)
                straight = run_json(self, "train", "--seed", 1, "--max-sequences", 1200, *extra)
                self.assertEqual(resumed["sequences"], 1200)
                self.assertFalse(straight["solved"], "pick a run still learning at 1200 sequences")
                self.assertEqual(resumed["weights_hash"], straight["weights_hash"], extra)
                self.assertEqual(resumed["settings"], straight["settings"])
                if not extra:
                    self.assertEqual(straight["weights_hash"], "36b5f67b93c727e5")  # = tests/unit/test_resume.cpp
            # A resumed run takes its settings from its file only; a missing file is an error.
            code, out, err = run("train", "--resume", path, "--seed", 2)
            self.assertEqual(code, 1)
            self.assertIn("--resume", err)
            code, out, err = run("train", "--resume", os.path.join(d, "none.json"))
            self.assertEqual(code, 1)
            self.assertIn("none.json", err)

    def test_budget_runs_out(self):
        j = run_json(self, "train", "--max-sequences", 8)
        self.assertFalse(j["solved"])
        self.assertLess(j["exact_accuracy_64"], 1.0)

    def test_bad_arguments(self):
        for args in (["train", "--hidden", "0"], ["train", "--hidden", "33"], ["train", "--seed", "abc"],
                     ["train", "--max-sequences", "-1"], ["train", "--bogus"]):
            code, out, err = run(*args)
            self.assertEqual(code, 2, args)
            self.assertIn("Usage: carry-cli train", err)

    def test_flags_are_the_settings_tables_cli_rows(self):
        # The settings a run reports are the table's CLI rows; train's flags are exactly those
        # (plus its own few), in the same order: a new row needs no edit here.
        # (The task row is reported only when not add, so one is given.)
        j = run_json(self, "train", "--max-sequences", 8, "--task", "parity")
        rows = ["--" + pair.split("=")[0].replace("_", "-") for pair in j["settings"].split("&")]
        self.assertIn("--hidden", rows)
        code, out, err = run("train", "--help")
        self.assertEqual(code, 0)
        flags = [line.split()[0].split(",")[-1] for line in out.splitlines() if line.startswith("  -")]
        own = ["--help", "--link", "--max-sequences", "--out", "--no-progress", "--json", "--resume"]
        self.assertEqual([f for f in flags if f not in own], rows)
        # Each flag is validated by its row: the table's reason comes back.
        code, out, err = run("train", "--batch", "257")
        self.assertEqual(code, 2)
        self.assertIn("257 is above 256", err)

    def test_unwritable_output(self):
        code, out, err = run("train", "--out", "/no/such/dir/m.json", "--json")
        self.assertEqual(code, 1)
        self.assertIn("cannot open", err)
        self.assertIn("error", json.loads(out))


class Add(unittest.TestCase):
    def test_builtin_net(self):
        j = run_json(self, "add", "0b1111_1111", "1")
        self.assertEqual(j["true_sum"], "100000000")
        self.assertEqual(j["net_sum"], "100000000")
        self.assertTrue(j["correct"])

    def test_text_output(self):
        code, out, err = run("add", "1011", "110")
        self.assertEqual(code, 0)
        self.assertIn("10001", out)
        self.assertIn("correct", out)

    def test_long_numbers(self):
        a = "1" * 4096
        j = run_json(self, "add", a, "1")
        self.assertEqual(j["true_sum"], "1" + "0" * 4096)
        self.assertIn("correct", j)

    def test_bad_numbers_exit_1(self):
        cases = [("10201", "'2' at position 3"), ("", "empty"), ("0b", "empty"), ("1" * 4097, "too long"),
                 ("12", "position 2")]
        for text, expected in cases:
            code, out, err = run("add", text, "1")
            self.assertEqual(code, 1, text)
            self.assertIn(expected, err)
        code, out, err = run("add", "1", "x", "--json")
        self.assertEqual(code, 1)
        self.assertIn("B:", json.loads(out)["error"])

    def test_missing_argument_exit_2(self):
        code, out, err = run("add", "1")
        self.assertEqual(code, 2)
        self.assertIn("Usage", err)


class BadFiles(unittest.TestCase):
    def write(self, d, name, text):
        path = os.path.join(d, name)
        with open(path, "w") as f:
            f.write(text)
        return path

    def test_bad_files_exit_1_with_the_field_named(self):
        with tempfile.TemporaryDirectory() as d:
            good = os.path.join(d, "good.json")
            self.assertEqual(run("train", "--out", good)[0], 0)
            with open(good) as f:
                model = json.load(f)
            broken = json.loads(json.dumps(model))
            broken["weights"]["w_rec"][4] = None
            wrong_size = json.loads(json.dumps(model))
            wrong_size["weights"]["w_out"].append(0.5)
            cases = [
                (os.path.join(d, "missing.json"), "cannot open"),
                (self.write(d, "notjson.json", "{not json"), "not valid JSON"),
                (self.write(d, "format.json", json.dumps(dict(model, format="other"))), "format"),
                (self.write(d, "version.json", json.dumps(dict(model, version=99))), "version"),
                (self.write(d, "nan.json", json.dumps(broken)), "weights.w_rec[4]: not a finite number"),
                (self.write(d, "size.json", json.dumps(wrong_size)), "weights.w_out"),
            ]
            for sub in (["add", "1", "1"], ["eval"], ["automaton"]):
                for path, expected in cases:
                    code, out, err = run(*sub, "--model", path)
                    self.assertEqual(code, 1, (sub, path))
                    self.assertIn(expected, err, (sub, path))
                code, out, err = run(*sub, "--model", cases[4][0], "--json")
                self.assertEqual(code, 1)
                self.assertIn("weights.w_rec[4]", json.loads(out)["error"])


class Eval(unittest.TestCase):
    def test_json_fields(self):
        j = run_json(self, "eval", "--bits", 32, "--count", 100)
        self.assertEqual(j["bits"], 32)
        self.assertEqual(j["count"], 100)
        self.assertEqual(j["exact_accuracy"], 1.0)
        self.assertEqual(j["bit_accuracy"], 1.0)

    def test_curve(self):
        j = run_json(self, "eval", "--count", 5, "--curve")
        self.assertEqual([r["bits"] for r in j["curve"]], [8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096])

    def test_bad_arguments(self):
        for args in (["eval", "--bits", "0"], ["eval", "--bits", "4097"], ["eval", "--count", "x"]):
            self.assertEqual(run(*args)[0], 2, args)


class Automaton(unittest.TestCase):
    def test_json_fields(self):
        j = run_json(self, "automaton")
        for key in ("clusters", "states", "equivalent", "nodes", "edges", "counterexample"):
            self.assertIn(key, j)
        self.assertTrue(j["equivalent"])
        self.assertEqual(j["states"], 4)
        self.assertGreaterEqual(j["clusters"], 4)
        self.assertIsNone(j["counterexample"])
        labels = sorted(l for e in j["edges"] for l in e["label"].split(","))
        self.assertEqual(len(labels), 4 * len(j["nodes"]))  # every node has all four columns

    def test_text(self):
        code, out, err = run("automaton")
        self.assertEqual(code, 0)
        self.assertIn("equivalent to the adder automaton: yes", out)


class Bench(unittest.TestCase):
    def test_json_rows(self):
        j = run_json(self, "bench", "--seconds", "0.01")
        rows = j["rows"]
        self.assertEqual(sorted((r["hidden"], r["batch"]) for r in rows), [(3, 1), (3, 32), (16, 1), (16, 32)])
        for r in rows:
            self.assertGreater(r["steps_per_second"], 0)


class Baseline(unittest.TestCase):
    def test_json_fields(self):
        j = run_json(self, "baseline", "--width", 5, "--epochs", 20, "--rnn-sequences", 800,
                     "--unseen-carry-column", 2)
        for net in ("feedforward", "recurrent"):
            for split in ("train", "heldout", "unseen_carry"):
                s = j[net][split]
                self.assertGreater(s["pairs"], 0)
                self.assertTrue(0.0 <= s["exact_accuracy"] <= 1.0)
                self.assertTrue(0.0 <= s["bit_accuracy"] <= 1.0)

    def test_bad_settings(self):
        self.assertEqual(run("baseline", "--width", "11")[0], 2)
        code, out, err = run("baseline", "--width", "4", "--unseen-carry-column", "5")
        self.assertEqual(code, 2)
        self.assertIn("must be below --width", err)


class Zoo(unittest.TestCase):
    """carry-cli zoo --quick: every model of the lecture on the same sums (issue 9)."""
    NAMES = {"autoregressive", "feed-forward taps", "feed-forward fixed width", "linear dynamical system", "HMM",
             "RNN", "LSTM"}
    BITS = ["8", "16", "32", "64", "128", "256"]

    @classmethod
    def setUpClass(cls):
        code, out, err = run("zoo", "--quick", "--json")
        assert code == 0, f"exit {code}; stderr: {err}"
        cls.j = json.loads(out)
        cls.models = {m["name"]: m for m in cls.j["models"]}

    def test_json_shape(self):
        self.assertTrue(self.j["quick"])
        self.assertLessEqual(set(self.models), self.NAMES)
        for name, m in self.models.items():
            self.assertGreater(m["params"], 0, name)
            self.assertGreaterEqual(m["train_seconds"], 0.0, name)
            self.assertEqual(list(m["exact_accuracy_by_bits"]), self.BITS, name)
            for acc in m["exact_accuracy_by_bits"].values():
                self.assertTrue(0.0 <= acc <= 1.0, name)
            self.assertTrue(m["verdict"].endswith("."), name)

    def test_what_a_student_sees(self):
        # The lecture's recurrent net adds numbers of any length, here 256 bits.
        rnn = self.models["RNN"]
        self.assertEqual(rnn["exact_accuracy_by_bits"]["256"], 1.0)
        self.assertTrue(rnn["verdict"].startswith("Exact at every length up to 256 bits"))
        # The fixed-width net has no inputs for numbers wider than 8 bits: 0 there, and flagged.
        fixed = self.models["feed-forward fixed width"]
        for bits in self.BITS[1:]:
            self.assertEqual(fixed["exact_accuracy_by_bits"][bits], 0.0)
        self.assertEqual(fixed["cannot_take_bits"], [16, 32, 64, 128, 256])
        self.assertIn("cannot take numbers wider than 8 bits", fixed["verdict"])
        self.assertIsNone(fixed["exact_accuracy_by_carry_reach"])
        # Carry reach buckets 1 .. 12 (12: twelve or more) for the models that take any width.
        self.assertEqual(list(rnn["exact_accuracy_by_carry_reach"]), [str(b) for b in range(1, 13)])
        # The memoryless models and the linear one fall behind it on 64-bit sums.
        for name in ("autoregressive", "feed-forward taps", "linear dynamical system"):
            if name in self.models:
                self.assertLess(self.models[name]["exact_accuracy_by_bits"]["64"], rnn["exact_accuracy_by_bits"]["64"], name)

    def test_text_table(self):
        code, out, err = run("zoo", "--quick")
        self.assertEqual(code, 0, err)
        for name in self.models:
            self.assertIn(name, out)
        self.assertIn("256", out.splitlines()[3])  # the header row names the lengths

    def test_remedies(self):
        # Issue 20: the remedies section: every optimizer on both sets, the ESN sweeps, three verdicts.
        rem = self.j["remedies"]
        ranges = [str(r) for r in rem["ranges"]]
        self.assertEqual(ranges, ["5", "10", "20", "50", "100"])
        keys = {(o["optimizer"], o["trained_on"]) for o in rem["rnn"]}
        self.assertEqual(keys, {(k, s) for k in ("sgd_momentum", "adam", "hessian_free") for s in ("short", "long")})
        for o in rem["rnn"]:
            self.assertEqual(list(o["mean_by_carry_chain"]), ranges)
            self.assertEqual(len(o["runs"]), rem["seeds"])
            for run_ in o["runs"]:
                curve = run_["loss_by_passes"]
                self.assertEqual(curve[0][0], 0.0)
                self.assertGreaterEqual(curve[-1][0], rem["passes"])
        for e in rem["esn"]["by_spectral_radius"] + rem["esn"]["by_size"]:
            self.assertTrue(0.0 <= e["bit_accuracy_32"] <= 1.0)
            self.assertTrue(0.0 < e["memory_capacity"] <= e["size"])
        self.assertEqual(list(rem["lstm"]["by_carry_chain"]), ranges)
        for v in rem["verdicts"].values():
            self.assertTrue(v.endswith("."), v)
        # Once solved, range costs nothing: a net that adds every test sum exists for short training.
        self.assertTrue(any(o["solved_seeds"] > 0 for o in rem["rnn"] if o["trained_on"] == "short"))
        # Issue 20 item 1's second half: the delay tasks at growing lags, one point per optimizer and lag.
        dr = rem["delay_range"]
        self.assertEqual({(p["optimizer"], p["lag"]) for p in dr}, {(k, lag) for k in ("sgd_momentum", "adam") for lag in range(1, 6)})
        for p in dr:
            self.assertEqual(p["states"], 2 ** (p["lag"] + 1))
            self.assertTrue(0.0 <= p["exact_accuracy"] <= p["bit_accuracy"] <= 1.0, p)
            self.assertEqual(len(p["runs"]), rem["delay_range_config"]["seeds"])
            for run_ in p["runs"]:
                self.assertGreaterEqual(run_["sequences"], rem["delay_range_config"]["sequences"])
        # The shortest lag is learned; a net that holds a 4-state machine.
        self.assertTrue(any(p["exact_accuracy"] > 0.5 for p in dr if p["lag"] == 1), dr)
        self.assertIn("delay_range", rem["verdicts"])
        code, out, _ = run("zoo", "--quick", "--no-remedies", "--json")
        self.assertEqual(code, 0)
        self.assertIsNone(json.loads(out)["remedies"])

    def test_bad_arguments(self):
        self.assertEqual(run("zoo", "--taps", "0")[0], 2)
        self.assertEqual(run("zoo", "--hmm-states", "0")[0], 2)


class Predict(unittest.TestCase):
    """carry-cli predict: next-term prediction against the source's entropy rate (issue 19, item 4)."""

    @staticmethod
    def h(p):
        return -p * math.log2(p) - (1 - p) * math.log2(1 - p)

    def test_learns_close_to_the_entropy_rate(self):
        j = run_json(self, "predict", "--source", "even", "--noise", 0.05, "--hidden", 4, "--seed", 1,
                     "--sequences", 8000)
        for key in ("source", "noise", "hidden", "seed", "sequences", "scored", "entropy_rate", "bits_per_symbol",
                    "bits_per_symbol_untrained", "gap", "bayes_bits_per_symbol", "accuracy", "best_accuracy",
                    "bayes_accuracy", "verdict"):
            self.assertIn(key, j)
        # Even process: pi = (2/3, 1/3); the coin state 1 bit, the pair's second 1 flipped at 0.05.
        self.assertAlmostEqual(j["entropy_rate"], 2 / 3 + self.h(0.05) / 3, places=12)
        self.assertEqual(j["sequences"], 8000)
        self.assertGreater(j["bits_per_symbol_untrained"], j["entropy_rate"] + 0.1)
        self.assertLess(j["bits_per_symbol"], j["entropy_rate"] + 0.03)
        self.assertAlmostEqual(j["gap"], j["bits_per_symbol"] - j["entropy_rate"], places=12)
        self.assertGreater(j["accuracy"], j["best_accuracy"] - 0.02)
        self.assertIn("best possible", j["verdict"])

    def test_pattern_rate_is_the_flip_entropy(self):
        j = run_json(self, "predict", "--pattern", "0010111", "--noise", 0.1, "--sequences", 0)
        self.assertEqual(j["source"], "pattern 0010111")
        self.assertEqual(j["states"], 7)
        self.assertAlmostEqual(j["entropy_rate"], self.h(0.1), places=12)
        self.assertAlmostEqual(j["best_accuracy"], 0.9, places=12)
        j = run_json(self, "predict", "--pattern", "0010111", "--noise", 0, "--sequences", 0)
        self.assertEqual(j["entropy_rate"], 0.0)

    def test_same_seed_same_numbers(self):
        args = ("predict", "--source", "twice", "--seed", 4, "--sequences", 2000)
        a, b = run_json(self, *args), run_json(self, *args)
        a.pop("seconds"), b.pop("seconds")
        self.assertEqual(a, b)
        c = run_json(self, "predict", "--source", "twice", "--seed", 5, "--sequences", 2000)
        self.assertNotEqual(a["bits_per_symbol"], c["bits_per_symbol"])

    def test_bad_input_exit_1_with_the_reason(self):
        code, out, err = run("predict", "--pattern", "0012")
        self.assertEqual(code, 1)
        self.assertIn("'2' at position 4", err)
        code, out, err = run("predict", "--pattern", "0" * 33, "--json")
        self.assertEqual(code, 1)
        self.assertIn("at most 32", json.loads(out)["error"])
        code, out, err = run("predict", "--noise", 0.7)
        self.assertEqual(code, 1)
        self.assertIn("outside [0, 0.5]", err)
        code, out, err = run("predict", "--source", "fibonacci")
        self.assertEqual(code, 1)
        self.assertIn("golden-mean", err)  # the choices are named
        self.assertEqual(run("predict", "--hidden", 0)[0], 2)

    def test_text(self):
        code, out, err = run("predict", "--source", "golden-mean", "--sequences", 1000)
        self.assertEqual(code, 0, err)
        for words in ("entropy rate", "Bayes-optimal", "the net, trained", "gap to the entropy rate"):
            self.assertIn(words, out)
class ZooInit(unittest.TestCase):
    """carry-cli zoo --quick --init: issue 20's initialization x momentum grid, initial state and
    the RNN on two interleaved sums, in the JSON (the same numbers natively and in wasm: the unit
    tests record them)."""

    @classmethod
    def setUpClass(cls):
        code, out, err = run("zoo", "--quick", "--init", "--json")
        assert code == 0, f"exit {code}; stderr: {err}"
        cls.j = json.loads(out)

    def check_result(self, r, seeds):
        self.assertEqual(r["runs"], seeds)
        self.assertTrue(0 <= r["solved"] <= seeds)
        self.assertAlmostEqual(r["solve_rate"], r["solved"] / seeds)
        self.assertEqual(r["median_sequences"] is None, r["solved"] == 0)

    def test_init_grid(self):
        g = self.j["init_grid"]
        self.assertEqual([t["task"] for t in g["tasks"]], ["default", "long"])
        for t in g["tasks"]:
            self.assertEqual([r["recurrent_init"] for r in t["rows"]], ["random", "identity", "orthogonal"])
            for r in t["rows"]:
                self.assertEqual(len(r["cells"]), len(g["scales"]) * len(g["momenta"]))
                for c in r["cells"]:
                    self.check_result(c, g["seeds"])
            self.assertTrue(t["verdict"].endswith("."), t["verdict"])
        self.assertIn("schedule", g["momenta"])

    def test_initial_state_and_interleaved(self):
        s = self.j["initial_state"]
        self.assertEqual([r["initial_state"] for r in s["rows"]], ["learned", "fixed_half", "fixed_zero"])
        for r in s["rows"]:
            self.check_result(r, s["seeds"])
        self.assertTrue(s["verdict"].startswith("Measured: learned"))
        i = self.j["interleaved"]
        self.assertEqual(i["hmm_states_needed"], 4)
        self.assertEqual(i["hidden_needed"], 4)  # the quick search (tests/unit/test_zoo_init_grid.cpp)
        self.assertIn("RNN needs 4 hidden units", i["verdict"])

    def test_recorded_numbers(self):
        # Recorded natively; the WebAssembly CLI (cli.wasm) must print the same numbers.
        g = self.j["init_grid"]
        solved = [[[c["solved"] for c in r["cells"]] for r in t["rows"]] for t in g["tasks"]]
        self.assertEqual(solved, [[[0, 1, 0, 0, 1, 1], [0, 0, 0, 0, 2, 0], [0, 3, 0, 0, 2, 0]],
                                  [[0, 0, 0, 0, 2, 1], [0, 0, 0, 0, 1, 0], [0, 0, 0, 0, 2, 2]]])
        medians = [c["median_sequences"] for t in g["tasks"] for r in t["rows"] for c in r["cells"]]
        self.assertEqual([m for m in medians if m is not None], [2560, 1536, 2816, 2432, 2816, 2176,
                                                                 1792, 2816, 2560, 1152, 1920])
        self.assertEqual([(r["solved"], r["median_sequences"]) for r in self.j["initial_state"]["rows"]],
                         [(3, 2816), (1, 7424), (2, 3072)])

    def test_without_init_no_keys(self):
        code, out, _ = run("zoo", "--quick", "--json")
        self.assertEqual(code, 0)
        self.assertNotIn("init_grid", json.loads(out))
class Tasks(unittest.TestCase):
    """Issue 19: the library of tasks, and --task on train, eval and automaton."""

    def test_list(self):
        j = run_json(self, "tasks")
        rows = {t["name"]: t for t in j["tasks"]}
        self.assertEqual(list(rows), ["add", "subtract", "greater", "parity", "div3", "times3", "delay2", "delay3"])
        want = {"add": (2, 4), "subtract": (2, 4), "greater": (2, 2), "parity": (1, 2), "div3": (1, 3),
                "times3": (1, 6), "delay2": (1, 8), "delay3": (1, 16)}
        for name, (inputs, states) in want.items():
            self.assertEqual((rows[name]["inputs"], rows[name]["states"]), (inputs, states), name)
            self.assertTrue(rows[name]["description"])
        code, out, err = run("tasks")
        self.assertEqual(code, 0)
        self.assertIn("div3", out)
        self.assertIn("multiple of 3", out)

    def test_parity_trains_evaluates_and_extracts(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "p.json")
            j = run_json(self, "train", "--task", "parity", "--seed", 1, "--out", path)
            self.assertTrue(j["solved"])
            self.assertEqual(j["task"], "parity")
            self.assertIn("task=parity", j["settings"])
            with open(path) as f:
                self.assertEqual(json.load(f)["config"]["training"]["task"], "parity")
            # The model file carries its task: eval and automaton use it.
            e = run_json(self, "eval", "--model", path, "--count", 200)
            self.assertEqual(e["task"], "parity")
            self.assertEqual(e["exact_accuracy"], 1.0)
            # The same net scored as an adder is wrong.
            e = run_json(self, "eval", "--model", path, "--count", 200, "--task", "add")
            self.assertLess(e["exact_accuracy"], 0.5)
            a = run_json(self, "automaton", "--model", path)
            self.assertEqual(a["task_states"], 2)
            self.assertTrue(a["equivalent"])
            self.assertEqual(a["states"], 2)

    def test_encoded_machine(self):
        # parity as a table: the same targets, so the same run as --task parity.
        a = run_json(self, "train", "--task", "m1.1.0.001.110", "--seed", 2)
        b = run_json(self, "train", "--task", "parity", "--seed", 2)
        self.assertTrue(a["solved"])
        self.assertEqual(a["weights_hash"], b["weights_hash"])

    def test_bad_task(self):
        code, out, err = run("train", "--task", "multiply")
        self.assertEqual(code, 2)
        self.assertIn('unknown task "multiply"', err)
        code, out, err = run("eval", "--task", "m1.1.0.001.101.111")
        self.assertEqual(code, 2)
        self.assertIn("state 2 cannot be reached from the start state", err)
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "m.json")
            self.assertEqual(run("train", "--out", path)[0], 0)
            with open(path) as f:
                model = json.load(f)
            model["config"]["training"]["task"] = "m1.2.0.0"
            with open(path, "w") as f:
                json.dump(model, f)
            code, out, err = run("eval", "--model", path)
            self.assertEqual(code, 1)
            self.assertIn("config.training.task", err)
            self.assertIn("bad encoded machine", err)

    def test_zoo_on_parity(self):
        j = run_json(self, "zoo", "--task", "parity")
        self.assertEqual(j["task"], "parity")
        self.assertEqual([m["name"] for m in j["models"]], ["RNN", "LSTM"])
        self.assertIn("HMM", j["not_run"])
        code, out, err = run("zoo", "--quick", "--task", "parity")
        self.assertIn("do not apply", out)
        self.assertNotIn("task", run_json(self, "zoo", "--quick"))

    def test_add_output_unchanged(self):
        # No task key and no task= in the settings for the adder: outputs from before issue 19.
        j = run_json(self, "train", "--seed", 3)
        self.assertNotIn("task", j)
        self.assertNotIn("task=", j["settings"])
        self.assertTrue(j["settings"].startswith("hidden=3&"))
        code, out, err = run("automaton")
        self.assertIn("equivalent to the adder automaton: yes", out)
        self.assertNotIn("task", out.splitlines()[0])


class Usage(unittest.TestCase):
    def test_exit_codes(self):
        self.assertEqual(run()[0], 2)
        self.assertEqual(run("frobnicate")[0], 2)
        self.assertEqual(run("--help")[0], 0)
        self.assertEqual(run("add", "--help")[0], 0)
        code, out, err = run("eval", "--nope")
        self.assertEqual(code, 2)
        self.assertIn("Usage: carry-cli eval", err)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    CLI = sys.argv[1:]
    unittest.main(argv=[sys.argv[0]], verbosity=1)
