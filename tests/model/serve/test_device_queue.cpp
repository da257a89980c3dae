// The device thread's order: waiting questions before any job step, jobs taking turns.
#include <chrono>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "minitest.h"
#include "serve/device_queue.h"

using sevila::serve::DeviceQueue;

TEST(questions_go_before_job_steps_and_jobs_take_turns) {
  std::mutex mutex;
  std::vector<std::string> order;
  auto log = [&](const std::string& what) {
    std::lock_guard<std::mutex> lock(mutex);
    order.push_back(what);
  };
  {
    DeviceQueue device;
    // Hold the device thread so that everything below queues up behind it.
    std::promise<void> release;
    auto gate = device.submit([&] { release.get_future().wait(); });
    int a = 0, b = 0;
    device.addJob([&] {
      log("a" + std::to_string(a));
      return ++a < 3;
    });
    device.addJob([&] {
      log("b" + std::to_string(b));
      return ++b < 2;
    });
    auto q1 = device.submit([&] { log("q1"); });
    auto q2 = device.submit([&] { log("q2"); });
    release.set_value();
    gate.get();
    q1.get();
    q2.get();
    while (device.activeJobs() > 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  CHECK(order == std::vector<std::string>({"q1", "q2", "a0", "b0", "a1", "b1", "a2"}));
}

TEST(a_failing_question_reports_to_its_caller_only) {
  DeviceQueue device;
  auto bad = device.submit([] { throw std::runtime_error("no such video"); });
  CHECK_THROWS_WITH(bad.get(), "no such video");
  int ran = 0;
  device.submit([&] { ++ran; }).get();
  CHECK_EQ(ran, 1);
}

MINITEST_MAIN
