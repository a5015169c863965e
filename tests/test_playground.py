"""The playground widget: it builds and draws headless, its buttons work, play stops."""

import time

import numpy as np

import helpers
from helpers.features import PlaygroundRun
from helpers.playground import PlaygroundView


def test_view_draws_images_of_the_stated_shapes():
    run = PlaygroundRun("xor", hidden=[8, 8])
    view = PlaygroundView(run, resolution=40, zoom=6, thumb=20, thumb_zoom=3)
    frame = view.frame()
    assert frame["boundary"].shape == (240, 240, 3) and frame["boundary"].dtype == np.uint8
    assert frame["neurons"].shape == (8 * 64, 2 * 64, 3)  # 8 rows, 2 layer columns of 60 + 4 px
    run.step(20)
    run.step(20)
    curves = view.frame()["curves"]
    assert (curves[:-1, 1:] == 0).all(axis=2).any()  # the black training-loss line is drawn
    pngs = view.render()
    assert set(pngs) == {"boundary", "neurons", "curves"}
    assert all(b[:8] == b"\x89PNG\r\n\x1a\n" for b in pngs.values())


def test_no_hidden_layer_draws_an_empty_neuron_panel():
    view = PlaygroundView(PlaygroundRun("gauss", hidden=[]))
    assert view.frame()["neurons"].shape[2] == 3


def test_widget_builds_headless_and_its_controls_work():
    box = helpers.playground("circle", hidden=[8, 8], lr=0.1)
    run = box.run()
    assert run.net.layer_sizes == [2, 8, 8, 1]
    controls, pictures = box.children[2].children
    step_button = box.children[0].children[1]
    step_button.click()
    assert box.run().steps == 1 and len(box.run().train_loss) == 1
    layers = next(c for c in controls.children if c.description == "hidden layers")
    layers.value = 1
    assert box.run().net.layer_sizes == [2, 8, 1] and box.run().steps == 0  # reset on a new shape
    lr = next(c for c in controls.children if c.description == "learning rate")
    lr.value = 0.3
    assert box.run().optimizer.lr == 0.3  # live: no reset
    images = [child.children[1] for child in pictures.children]
    assert all(len(image.value) > 100 for image in images)


def test_play_runs_in_a_thread_and_pause_stops_it():
    box = helpers.playground("xor", hidden=[4])
    play = box.children[0].children[0]
    play.value = True
    deadline = time.monotonic() + 10
    while box.run().steps < 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    play.value = False
    assert box.run().steps >= 3
    deadline = time.monotonic() + 10
    thread_steps = box.run().steps
    while time.monotonic() < deadline:
        time.sleep(0.05)
        if box.run().steps == thread_steps:
            break
        thread_steps = box.run().steps
    assert box.run().steps == thread_steps  # paused: no more steps
    assert play.description == "play"


def test_reset_draws_new_weights_on_the_same_data():
    box = helpers.playground("spiral", hidden=[8])
    before = box.run()
    reset = box.children[0].children[2]
    reset.click()
    after = box.run()
    np.testing.assert_array_equal(before.X_train, after.X_train)
    assert not np.array_equal(before.net.dense[0].omega, after.net.dense[0].omega)
