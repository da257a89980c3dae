# Makes the demo video: 12 s, 640x360, 25 fps, h264 with B-frames. A red ball crosses the scene in the
# first half; a green square appears at 6 s and a blue one at 9 s, so "what appears after the red ball
# leaves?" has an answer that only some frames show.
execute_process(
  COMMAND ${FFMPEG} -y -loglevel error
    -f lavfi -i "color=c=0x1e2a38:s=640x360:r=25:d=12"
    -f lavfi -i "color=c=0xd23c32:s=90x90:r=25:d=12"
    -f lavfi -i "color=c=0x3cb44b:s=110x110:r=25:d=12"
    -f lavfi -i "color=c=0x3c6ed2:s=110x110:r=25:d=12"
    -filter_complex "[1]format=rgba,geq=r='r(X,Y)':g='g(X,Y)':b='b(X,Y)':a='if(lt(hypot(X-45,Y-45),44),255,0)'[ball];[0][ball]overlay=x='-90+t*130':y='135+40*sin(t*2)':enable='lt(t,6)'[a];[a][2]overlay=x=120:y=125:enable='gte(t,6)'[b];[b][3]overlay=x=410:y=125:enable='gte(t,9)',drawtext=text='%{pts\\:hms}':x=10:y=10:fontcolor=white:fontsize=18:box=1:boxcolor=black@0.4,format=yuv420p"
    -c:v libx264 -preset veryfast -bf 2 -g 50 ${OUT}
  RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  # drawtext needs fontconfig; fall back to the same scene without the clock.
  execute_process(
    COMMAND ${FFMPEG} -y -loglevel error
      -f lavfi -i "color=c=0x1e2a38:s=640x360:r=25:d=12"
      -f lavfi -i "color=c=0xd23c32:s=90x90:r=25:d=12"
      -f lavfi -i "color=c=0x3cb44b:s=110x110:r=25:d=12"
      -f lavfi -i "color=c=0x3c6ed2:s=110x110:r=25:d=12"
      -filter_complex "[0][1]overlay=x='-90+t*130':y='135+40*sin(t*2)':enable='lt(t,6)'[a];[a][2]overlay=x=120:y=125:enable='gte(t,6)'[b];[b][3]overlay=x=410:y=125:enable='gte(t,9)',format=yuv420p"
      -c:v libx264 -preset veryfast -bf 2 -g 50 ${OUT}
    RESULT_VARIABLE result)
endif()
if(NOT result EQUAL 0)
  message(FATAL_ERROR "ffmpeg could not generate the demo video (${result})")
endif()
